"""API tokens used to be kept in plain text by DRF's authtoken app; knox keeps only hashes now.

The old table is dropped so that no readable token stays in the database (users make new tokens with
``sasaeai api-token`` or ``POST /api/token/``).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", migrations.RunSQL.noop),
    ]
