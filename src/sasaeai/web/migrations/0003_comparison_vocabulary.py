from django.db import migrations, models


def rename_side(apps, schema_editor, old="previous", new="comparison"):
    apps.get_model("sasaeai", "ReportedQuantity").objects.filter(side=old).update(side=new)


def unrename_side(apps, schema_editor):
    rename_side(apps, schema_editor, old="comparison", new="previous")


class Migration(migrations.Migration):
    dependencies = [("sasaeai", "0002_membership_organisation")]

    operations = [
        migrations.RenameField("report", "compare_fiscal_year", "comparison_fiscal_year"),
        migrations.AlterField(
            model_name="reportedquantity",
            name="side",
            field=models.CharField(
                choices=[("current", "今期"), ("comparison", "比較期")], max_length=16, verbose_name="期"
            ),
        ),
        migrations.RunPython(rename_side, unrename_side),
    ]
