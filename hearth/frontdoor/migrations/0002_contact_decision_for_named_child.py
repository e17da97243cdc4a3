"""A decision can only be filed for a child the contact is about: (contact, child) must be a
ContactChild. Django has no composite foreign keys, so the constraint is added in SQL."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("frontdoor", "0001_initial")]

    operations = [
        migrations.RunSQL(
            sql=(
                "ALTER TABLE frontdoor_contactdecision "
                "ADD CONSTRAINT contact_decision_for_named_child "
                "FOREIGN KEY (contact_id, child_id) "
                "REFERENCES frontdoor_contactchild (contact_id, child_id) "
                "DEFERRABLE INITIALLY DEFERRED"
            ),
            reverse_sql=(
                "ALTER TABLE frontdoor_contactdecision "
                "DROP CONSTRAINT contact_decision_for_named_child"
            ),
        ),
    ]
