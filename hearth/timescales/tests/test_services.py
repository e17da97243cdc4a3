"""Closure-day services: who may edit, what may be removed, and deadlines moving with the table."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.timescales.calendar import add_working_days, is_working_day
from hearth.timescales.models import NonWorkingDay, NonWorkingDayKind
from hearth.timescales.services import (
    bank_holidays_sync,
    closure_day_add,
    closure_day_remove,
)
from hearth.timescales.tests.factories import administrator, social_worker

pytestmark = pytest.mark.django_db

CHRISTMAS_EVE_2026 = dt.date(2026, 12, 24)  # a Thursday


def test_a_council_closure_day_shifts_a_deadline():
    admin = administrator()
    # Before: 15 WD from Mon 14 Dec 2026. 15-18 (4), 21-24 (8), 25 Dec Fri Christmas,
    # 28 Dec Mon Boxing Day observed, 29-31 (11), 1 Jan Fri New Year's Day, Mon 4-Thu 7 Jan (15).
    assert add_working_days(dt.date(2026, 12, 14), 15) == dt.date(2027, 1, 7)
    closure_day_add(
        actor=admin, day=CHRISTMAS_EVE_2026, name="Council closure day", reason="Christmas closure"
    )
    # After: 24 Dec no longer counts, so one more working day is needed: Fri 8 Jan 2027.
    assert not is_working_day(CHRISTMAS_EVE_2026)
    assert add_working_days(dt.date(2026, 12, 14), 15) == dt.date(2027, 1, 8)

    row = NonWorkingDay.objects.get(day=CHRISTMAS_EVE_2026)
    assert row.kind == NonWorkingDayKind.COUNCIL_CLOSURE
    assert row.created_by == admin
    assert row.reason == "Christmas closure"
    assert row.source == "Added by Alex Admin"


def test_removing_a_closure_day_makes_it_a_working_day_again():
    admin = administrator()
    closure_day_add(actor=admin, day=CHRISTMAS_EVE_2026, name="Closure", reason="Christmas")
    assert not is_working_day(CHRISTMAS_EVE_2026)
    closure_day_remove(actor=admin, day=CHRISTMAS_EVE_2026, reason="Decided to open")
    assert is_working_day(CHRISTMAS_EVE_2026)
    assert add_working_days(dt.date(2026, 12, 14), 15) == dt.date(2027, 1, 7)


def test_history_records_who_and_why():
    admin = administrator()
    closure_day_add(actor=admin, day=CHRISTMAS_EVE_2026, name="Closure", reason="Christmas")
    closure_day_remove(actor=admin, day=CHRISTMAS_EVE_2026, reason="Decided to open")
    events = list(
        NonWorkingDay.pgh_event_model.objects.filter(day=CHRISTMAS_EVE_2026)  # type: ignore[attr-defined]
        .order_by("pgh_id")
        .values_list("pgh_label", "pgh_context__metadata")
    )
    assert [label for label, _ in events] == ["insert", "delete"]
    assert events[0][1]["reason"] == "Christmas"
    assert events[1][1]["reason"] == "Decided to open"
    assert events[1][1]["user"] == admin.pk


def test_only_administrators_may_edit():
    worker = social_worker()
    with pytest.raises(PermissionDenied, match="Only an administrator"):
        closure_day_add(actor=worker, day=CHRISTMAS_EVE_2026, name="Closure", reason="Christmas")
    admin = administrator()
    closure_day_add(actor=admin, day=CHRISTMAS_EVE_2026, name="Closure", reason="Christmas")
    with pytest.raises(PermissionDenied):
        closure_day_remove(actor=worker, day=CHRISTMAS_EVE_2026, reason="No")
    assert not is_working_day(CHRISTMAS_EVE_2026)


def test_bank_holidays_cannot_be_removed():
    admin = administrator()
    with pytest.raises(ValidationError) as raised:
        closure_day_remove(actor=admin, day=dt.date(2026, 12, 25), reason="Open on Christmas")
    assert "cannot be removed" in raised.value.message_dict["day"][0]
    # Seeded proclamation days are national, not the council's, so they stay too.
    with pytest.raises(ValidationError):
        closure_day_remove(actor=admin, day=dt.date(2023, 5, 8), reason="Coronation")
    assert not is_working_day(dt.date(2023, 5, 8))


def test_a_new_proclamation_can_be_added_and_removed():
    admin = administrator()
    day = dt.date(2031, 6, 6)  # a Friday; a hypothetical future proclamation
    closure_day_add(
        actor=admin,
        day=day,
        name="Special bank holiday",
        reason="Royal proclamation",
        kind=NonWorkingDayKind.PROCLAMATION,
    )
    assert NonWorkingDay.objects.get(day=day).kind == NonWorkingDayKind.PROCLAMATION
    closure_day_remove(actor=admin, day=day, reason="Added in error")
    assert is_working_day(day)


def test_adding_validates_by_field():
    admin = administrator()
    with pytest.raises(ValidationError) as raised:
        closure_day_add(actor=admin, day=dt.date(2026, 12, 25), name="", reason="   ")
    # Every problem is reported at once, each against its own field.
    assert raised.value.message_dict == {
        "day": ["25 December 2026 is already a non-working day (Christmas Day)"],
        "name": ["Enter a name for the day, for example Council closure day"],
        "reason": ["Enter why the calendar is changing"],
    }

    with pytest.raises(ValidationError) as raised:
        closure_day_add(actor=admin, day=dt.date(2026, 11, 28), name="Sat", reason="Why not")
    assert "weekday" in raised.value.message_dict["day"][0]

    with pytest.raises(ValidationError) as raised:
        closure_day_add(
            actor=admin,
            day=CHRISTMAS_EVE_2026,
            name="Not allowed",
            reason="Why not",
            kind=NonWorkingDayKind.BANK_HOLIDAY,
        )
    assert "kind" in raised.value.message_dict


def test_removing_a_day_that_is_not_there():
    admin = administrator()
    with pytest.raises(ValidationError) as raised:
        closure_day_remove(actor=admin, day=CHRISTMAS_EVE_2026, reason="Tidy")
    assert raised.value.message_dict["day"] == ["24 December 2026 is not a non-working day"]


def test_sync_adds_missing_bank_holidays_and_keeps_closure_days():
    admin = administrator()
    closure_day_add(actor=admin, day=CHRISTMAS_EVE_2026, name="Closure", reason="Christmas")
    NonWorkingDay.objects.filter(day=dt.date(2026, 12, 28)).delete()
    assert bank_holidays_sync(first_year=2036, last_year=2036)  # beyond the seeded range
    added = bank_holidays_sync(first_year=2026, last_year=2026)
    assert [row.day for row in added] == [dt.date(2026, 12, 28)]
    assert added[0].name == "Boxing Day (observed)"
    assert NonWorkingDay.objects.get(day=CHRISTMAS_EVE_2026).kind == "council_closure"
    assert bank_holidays_sync(first_year=2015, last_year=2036) == []
    assert not is_working_day(dt.date(2026, 12, 28))
