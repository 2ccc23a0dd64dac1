"""The database itself refuses to change or remove a line of the destruction log (R67), like the
audit trail and the export log (see core 0004_export_record_append_only).

One change is let through: the deciding manager's account being deleted sets ``decided_by_id`` to
NULL when nothing else in the row changes.
"""

from django.db import migrations

TABLE = "records_destructionlog"
UNCHANGED = (
    "id",
    "setting_id",
    "record_type",
    "child_ref",
    "child_id_was",
    "retained_until",
    "counts",
    "reason",
    "method",
    "decided_at",
)


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        # Only UPDATE: the test runner empties tables with DELETE between browser tests.
        same = " AND ".join(f"NEW.{column} IS OLD.{column}" for column in UNCHANGED)
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
            f"WHEN NOT (NEW.decided_by_id IS NULL AND {same}) "
            f"BEGIN SELECT RAISE(ABORT, 'the destruction log is append-only'); END;"
        )
    elif vendor == "postgresql":
        same = " AND ".join(f"NEW.{column}::text IS NOT DISTINCT FROM OLD.{column}::text" for column in UNCHANGED)
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION tandem_destruction_append_only() RETURNS trigger AS $$ "
            f"BEGIN IF TG_OP = 'UPDATE' AND NEW.decided_by_id IS NULL AND {same} THEN RETURN NEW; END IF; "
            "RAISE EXCEPTION 'the destruction log is append-only'; END; $$ LANGUAGE plpgsql;"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION tandem_destruction_append_only();"
        )


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_update")
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}")
        schema_editor.execute("DROP FUNCTION IF EXISTS tandem_destruction_append_only()")


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
