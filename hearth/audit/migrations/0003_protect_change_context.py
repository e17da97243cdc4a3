"""Protect pghistory's context rows (who changed a record and why) from later edits.

pghistory writes one `pghistory_context` row per context and updates its metadata while the
context is open, within the transaction that created it. After that transaction, nothing may
change or delete it: the trigger refuses an UPDATE unless the row was created in the current
transaction (`created_at = now()`, the transaction's start time) and refuses every DELETE.
A database superuser can still disable the trigger; the hash chain (`hearth audit verify`)
catches what they change.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION hearth_protect_pgh_context() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'pghistory context % is part of the audit trail and cannot be deleted',
            OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.id IS DISTINCT FROM OLD.id
       OR NEW.created_at IS DISTINCT FROM OLD.created_at
       OR OLD.created_at IS DISTINCT FROM now() THEN
        RAISE EXCEPTION 'pghistory context % is part of the audit trail and cannot be changed',
            OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER hearth_protect_pgh_context
    BEFORE UPDATE OR DELETE ON pghistory_context
    FOR EACH ROW EXECUTE FUNCTION hearth_protect_pgh_context();
"""

REVERSE = """
DROP TRIGGER IF EXISTS hearth_protect_pgh_context ON pghistory_context;
DROP FUNCTION IF EXISTS hearth_protect_pgh_context();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_auditseal"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
