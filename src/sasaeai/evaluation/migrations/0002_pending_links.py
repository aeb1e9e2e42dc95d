import django.db.models.deletion
from django.db import migrations, models


def from_projects(apps, schema_editor):
    """Links stored before: the reporting organisation and the name are the project's."""
    IndicatorLink = apps.get_model("evaluation", "IndicatorLink")
    for link in IndicatorLink.objects.select_related("project"):
        link.organisation_id = link.project.organisation_id
        link.names = [link.project.name]
        link.save(update_fields=["organisation", "names"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_initial"),
        ("people", "0002_department_parts"),
        ("reports", "0002_department_parts"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="indicatorlink", name="link_unique"),
        migrations.AddField(
            model_name="indicatorlink",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="people.organisation",
                verbose_name="報告する組織",
            ),
        ),
        migrations.AddField(
            model_name="indicatorlink",
            name="names",
            field=models.JSONField(default=list, verbose_name="事業名（ファイルの記載）"),
        ),
        migrations.RunPython(from_projects, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="indicatorlink",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="people.organisation",
                verbose_name="報告する組織",
            ),
        ),
        migrations.AlterField(
            model_name="indicatorlink",
            name="project",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="indicator_links",
                to="reports.project",
                verbose_name="事業",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicatorlink",
            constraint=models.UniqueConstraint(
                condition=models.Q(("project__isnull", False)),
                fields=("part", "project", "label", "unit"),
                name="link_unique",
            ),
        ),
    ]
