"""Load the EYFS areas, aspects, characteristics and age bands (tandem/journal/eyfs_data.py)."""

from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from tandem.journal.services.eyfs import ensure_eyfs

    ensure_eyfs(apps)


class Migration(migrations.Migration):
    dependencies = [("journal", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
