"""The database itself refuses to change or remove an export record (R51: the log of exports and
prints is append-only, like the audit trail; see 0002_audit_append_only).

One change is let through: the actor's account being deleted sets ``actor_id`` to NULL (the model's
``on_delete=SET_NULL``) when nothing else in the row changes. Who made the export stays in the audit
trail's ``core.export.made`` event, which keeps the actor's id without a foreign key.
"""

from django.db import migrations

TABLE = "core_exportrecord"
UNCHANGED = ("id", "at", "setting_id", "child_id", "what", "purpose")


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        # Only UPDATE: the test runner empties tables with DELETE between browser tests. The
        # application refuses deletes itself (AppendOnlyQuerySet), and PostgreSQL refuses both.
        same = " AND ".join(f"NEW.{column} IS OLD.{column}" for column in UNCHANGED)
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
            f"WHEN NOT (NEW.actor_id IS NULL AND {same}) "
            f"BEGIN SELECT RAISE(ABORT, 'export records are append-only'); END;"
        )
    elif vendor == "postgresql":
        same = " AND ".join(f"NEW.{column} IS NOT DISTINCT FROM OLD.{column}" for column in UNCHANGED)
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION tandem_export_append_only() RETURNS trigger AS $$ "
            f"BEGIN IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL AND {same} THEN RETURN NEW; END IF; "
            "RAISE EXCEPTION 'export records are append-only'; END; $$ LANGUAGE plpgsql;"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION tandem_export_append_only();"
        )


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_update")
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}")
        schema_editor.execute("DROP FUNCTION IF EXISTS tandem_export_append_only()")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_export_record")]
    operations = [migrations.RunPython(install, remove)]
