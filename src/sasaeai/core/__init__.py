"""The core of Sasaeai: reading documents, fiscal periods and evaluation.

Plain Python with no web framework, so it can be tested, benchmarked and used
from the command line on its own.  Every error it raises on purpose is a
:class:`SasaeaiError`.
"""

from .consistency import (
    Finding,
    kpi_rate_findings,
    misplaced_results,
    quantity_jumps,
    report_rows,
    result_alignment_findings,
)
from .errors import PeriodError, ReaderError, SasaeaiError
from .evaluation import (
    Actual,
    GradedActual,
    IndicatorPart,
    Measure,
    PartEvaluation,
    Projection,
    Thresholds,
    evaluate_actual,
    evaluate_part,
    grade_value,
    project,
    roll_up,
)
from .goal_links import read_goal_links
from .kpi import read_kpi
from .links import (
    IndicatorLink,
    LinkedActual,
    LinkOutcome,
    Observation,
    choose_quantity,
    link_actuals,
    read_links,
    read_links_file,
    same_unit,
)
from .matching import MergeProposal, ReportNames, propose_merges
from .periods import (
    FiscalYear,
    Period,
    find_years,
    infer_fiscal_year,
    parse_fiscal_year,
    parse_period,
    parse_quarter,
    resolve_date,
    resolve_range,
)
from .plan import read_plan, read_plan_file
from .plan_workbook import write_plan_workbook
from .quantities import UNITS, read_quantities
from .realign import ProjectRow, realign_results
from .records import ProjectEntry, Quantity, ReportDocument, YearFigures
from .report import read_report, read_report_bytes
from .revisions import read_revisions
from .tables import read_table, read_text_input

__all__ = [
    "UNITS",
    "Actual",
    "Finding",
    "FiscalYear",
    "GradedActual",
    "IndicatorLink",
    "IndicatorPart",
    "LinkOutcome",
    "LinkedActual",
    "Measure",
    "MergeProposal",
    "Observation",
    "PartEvaluation",
    "Period",
    "PeriodError",
    "ProjectEntry",
    "ProjectRow",
    "Projection",
    "Quantity",
    "ReaderError",
    "ReportDocument",
    "ReportNames",
    "SasaeaiError",
    "Thresholds",
    "YearFigures",
    "choose_quantity",
    "evaluate_actual",
    "evaluate_part",
    "find_years",
    "grade_value",
    "infer_fiscal_year",
    "kpi_rate_findings",
    "link_actuals",
    "misplaced_results",
    "parse_fiscal_year",
    "parse_period",
    "parse_quarter",
    "project",
    "propose_merges",
    "quantity_jumps",
    "read_goal_links",
    "read_kpi",
    "read_links",
    "read_links_file",
    "read_plan",
    "read_plan_file",
    "read_quantities",
    "read_report",
    "read_report_bytes",
    "read_revisions",
    "read_table",
    "read_text_input",
    "realign_results",
    "report_rows",
    "resolve_date",
    "resolve_range",
    "result_alignment_findings",
    "roll_up",
    "same_unit",
    "write_plan_workbook",
]
