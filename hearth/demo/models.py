"""What the demo council generator made, so that `--replace` can remove exactly that.

The generator writes one `DemoCouncil` row per run and a `DemoRecord` for every top-level row it
creates (people, groups, allocations, workers, teams, services). Clearing deletes only those rows;
the rows that hang off them (names, identifiers, addresses, relationships, memberships) go with
them. A record somebody typed in, in a database that also holds demo data, is never touched.
"""

from __future__ import annotations

from django.db import models


class DemoCouncil(models.Model):
    """One run of `hearth demo-council`."""

    seed = models.BigIntegerField()
    children = models.PositiveIntegerField()
    la_code = models.CharField(max_length=9)
    generated_on = models.DateField(help_text="The day the ages and dates were counted from.")
    created_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField(default=0)

    def __str__(self) -> str:
        return f"Demo council of {self.children} children (seed {self.seed})"


class DemoRecord(models.Model):
    """A row the demo generator created: its model ("people.person") and primary key."""

    model = models.CharField(max_length=100)
    object_id = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["model", "object_id"], name="demo_record_model")]

    def __str__(self) -> str:
        return f"{self.model} {self.object_id}"
