"""Seed the demo council's child population, so rates per 10,000 work out of the box.

Kirklees' population aged 0 to 17 is about 100,000 (ONS mid-2024 estimate, rounded). A council
replaces this row with its own figure through `services.child_population_set`.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

DEMO_YEAR = 2024
DEMO_COUNT = 100_000


def seed(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    population = apps.get_model("performance", "ChildPopulation")
    population.objects.get_or_create(
        year=DEMO_YEAR,
        defaults={
            "count": DEMO_COUNT,
            "source": "Demo default: Kirklees 0-17, ONS mid-year estimate, rounded",
        },
    )


def unseed(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("performance", "ChildPopulation").objects.filter(
        year=DEMO_YEAR, recorded_by__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("performance", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
