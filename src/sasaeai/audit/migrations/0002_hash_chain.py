from django.db import migrations, models

from sasaeai.audit.chain import GENESIS, entry_hash


def chain_existing_rows(apps, schema_editor):
    """Rows written before the chain get their sequence, actor and hashes, in the order they were written."""
    AuditEntry = apps.get_model("audit", "AuditEntry")
    AuditHead = apps.get_model("audit", "AuditHead")
    previous, sequence = GENESIS, 0
    for entry in AuditEntry.objects.select_related("user", "content_type").order_by("id"):
        sequence += 1
        entry.sequence = sequence
        entry.at = entry.at.replace(microsecond=entry.at.microsecond // 1000 * 1000)  # as a backup keeps it
        entry.actor = entry.user.username if entry.user else "command line"
        entry.previous_hash = previous
        entry.hash = entry_hash(
            sequence=sequence,
            previous_hash=previous,
            at=entry.at,
            actor=entry.actor,
            subject_model=f"{entry.content_type.app_label}.{entry.content_type.model}",
            object_id=entry.object_id,
            object_repr=entry.object_repr,
            field=entry.field,
            old=entry.old,
            new=entry.new,
            reason=entry.reason,
        )
        entry.save(update_fields=["sequence", "at", "actor", "previous_hash", "hash"])
        previous = entry.hash
    if sequence:  # an empty trail has no head yet: the first audit() makes it
        AuditHead.objects.create(pk=1, sequence=sequence, hash=previous)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="AuditHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sequence", models.PositiveBigIntegerField(default=0)),
                ("hash", models.CharField(default="", max_length=64)),
            ],
            options={"verbose_name": "変更履歴の末尾", "verbose_name_plural": "変更履歴の末尾"},
        ),
        migrations.AddField(
            model_name="auditentry",
            name="sequence",
            field=models.PositiveBigIntegerField(null=True, verbose_name="通番"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="actor",
            field=models.CharField(default="", max_length=150, verbose_name="変更者名"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(default="", max_length=64, verbose_name="前の行のハッシュ"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(default="", max_length=64, verbose_name="ハッシュ"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(db_index=True, verbose_name="日時"),
        ),
        migrations.RunPython(chain_existing_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry",
            name="sequence",
            field=models.PositiveBigIntegerField(unique=True, verbose_name="通番"),
        ),
    ]
