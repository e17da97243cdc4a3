"""Seed England and Wales bank holidays 2015 to 2035 from the offline `holidays` package."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def seed(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from hearth.timescales.seed import (
        FIRST_YEAR,
        LAST_YEAR,
        england_bank_holidays,
        holidays_source,
    )

    non_working_day = apps.get_model("timescales", "NonWorkingDay")
    existing = set(non_working_day.objects.values_list("day", flat=True))
    source = holidays_source()
    non_working_day.objects.bulk_create(
        non_working_day(day=h.day, name=h.name, kind=h.kind.value, source=source)
        for h in england_bank_holidays(FIRST_YEAR, LAST_YEAR)
        if h.day not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("timescales", "0001_initial")]

    # Reversing leaves the rows: a council may have built on them, and 0001's reversal drops
    # the table anyway.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
