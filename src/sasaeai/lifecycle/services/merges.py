"""Projects across years: merge proposals from the stored reports, and the merge an admin confirms.

Proposals come from the core (:func:`sasaeai.core.matching.propose_merges`)
over the project names each stored report used; pairs an admin has already
decided are left out.  Merging moves the merged project's report entries,
indicator links and aliases to the kept project, keeps the merged name as an
alias (so later imports find the kept project) and deletes the empty project.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction

from sasaeai.audit.trail import audit, recorded_user
from sasaeai.core.matching import DEFAULT_THRESHOLD, MergeProposal, ReportNames, propose_merges
from sasaeai.evaluation.models import IndicatorLink
from sasaeai.evaluation.services.stored import refresh_for_organisations
from sasaeai.lifecycle.models import MergeDecision, MergeStatus, ProjectStart
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.models import Organisation
from sasaeai.people.roles import Actor
from sasaeai.reports.models import Project, ProjectAlias, ProjectEntry


def report_names(organisation: Organisation) -> list[ReportNames]:
    """The names each stored report of ``organisation`` used for its projects, by fiscal year."""
    by_report: dict[tuple[int, int], list[str]] = defaultdict(list)
    entries = ProjectEntry.objects.filter(report__organisation=organisation).select_related(
        "report", "project"
    )
    for entry in entries:
        by_report[(entry.report_id, entry.report.fiscal_year)].append(entry.project.name)
    return [ReportNames(fiscal_year, names) for (_, fiscal_year), names in sorted(by_report.items())]


def proposals_for(organisation: Organisation, threshold: float = DEFAULT_THRESHOLD) -> list[MergeProposal]:
    """Undecided proposals for one organisation, best first."""
    decided = set(
        MergeDecision.objects.filter(organisation=organisation).values_list("keep_name", "merge_name")
    )
    return [
        proposal
        for proposal in propose_merges(report_names(organisation), threshold)
        if (proposal.keep, proposal.merge) not in decided and (proposal.merge, proposal.keep) not in decided
    ]


def all_proposals(threshold: float = DEFAULT_THRESHOLD) -> list[tuple[Organisation, MergeProposal]]:
    return [
        (organisation, proposal)
        for organisation in Organisation.objects.all()
        for proposal in proposals_for(organisation, threshold)
    ]


def proposal_json(organisation: Organisation, proposal: MergeProposal) -> dict[str, Any]:
    return {"organisation": organisation.name, **proposal.to_json()}


class MergeProjects(Operation):
    """Merge project ``merge`` into ``keep`` (same organisation); the merged name stays as an alias."""

    def __init__(self, user: Actor, keep: Project, merge: Project, score: float = 1.0) -> None:
        super().__init__(user)
        self.keep, self.merge, self.score = keep, merge, score

    def check(self) -> None:
        if not permissions.can_manage(self.user, self.keep.organisation):
            refuse("Only the secretariat merges projects.", "事業を統合できるのは事務局だけです。")
        if self.keep.pk == self.merge.pk:
            refuse("A project cannot be merged into itself.", "同じ事業どうしは統合できません。")
        if self.keep.organisation_id != self.merge.organisation_id:
            refuse(
                "Projects of different organisations cannot be merged.", "異なる組織の事業は統合できません。"
            )

    def execute(self) -> Project:
        self.check()
        keep, merge = self.keep, self.merge
        with transaction.atomic():
            merged_name = merge.name
            ProjectEntry.objects.filter(project=merge).update(project=keep)
            for link in IndicatorLink.objects.filter(project=merge):
                twin = IndicatorLink.objects.filter(
                    part=link.part, project=keep, label=link.label, unit=link.unit
                )
                if twin.exists():
                    link.delete()
                else:
                    link.project = keep
                    link.save(update_fields=["project"])
            ProjectAlias.objects.filter(project=merge).update(project=keep)
            ProjectStart.objects.filter(project=merge).update(project=keep)
            audit(self.user, keep, "merge", merged_name, keep.name, "事業の統合（名称の変更）")
            merge.delete()
            ProjectAlias.objects.get_or_create(
                organisation=keep.organisation, name=merged_name, defaults={"project": keep}
            )
            MergeDecision.objects.update_or_create(
                organisation=keep.organisation,
                keep_name=keep.name,
                merge_name=merged_name,
                defaults={
                    "score": self.score,
                    "status": MergeStatus.MERGED,
                    "decided_by": recorded_user(self.user),
                },
            )
            refresh_for_organisations([keep.organisation_id])
        return keep


class RejectProposal(Operation):
    """Record that two similar names are two projects, so the pair is not proposed again."""

    def __init__(self, user: Actor, organisation: Organisation, keep: str, merge: str, score: float) -> None:
        super().__init__(user)
        self.organisation, self.keep, self.merge, self.score = organisation, keep, merge, score

    def check(self) -> None:
        if not permissions.can_manage(self.user, self.organisation):
            refuse("Only the secretariat decides on merges.", "統合の判断は事務局だけが行えます。")

    def execute(self) -> MergeDecision:
        self.check()
        decision, _ = MergeDecision.objects.update_or_create(
            organisation=self.organisation,
            keep_name=self.keep,
            merge_name=self.merge,
            defaults={
                "score": self.score,
                "status": MergeStatus.REJECTED,
                "decided_by": recorded_user(self.user),
            },
        )
        return decision
