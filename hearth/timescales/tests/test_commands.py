"""`hearth calendar sync`: adds missing bank holidays, leaves council closure days alone."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hearth.timescales.calendar import is_working_day
from hearth.timescales.models import NonWorkingDay, NonWorkingDayKind
from hearth.timescales.tests.factories import NonWorkingDayFactory

pytestmark = pytest.mark.django_db


def test_sync_adds_a_missing_year_and_keeps_closures():
    NonWorkingDayFactory(day=dt.date(2036, 12, 24), name="Council closure day")
    out = StringIO()
    call_command("calendar", "sync", "--from", "2036", "--to", "2036", stdout=out)
    # 2036: 1 Jan (Tue), Good Friday 11 Apr, Easter Monday 14 Apr, 5 May, 26 May, 25 Aug,
    # 25 Dec (Thu), 26 Dec (Fri): eight days.
    assert "8 bank holidays added for 2036 to 2036." in out.getvalue()
    assert "Added 2036-04-11 Good Friday" in out.getvalue()
    assert not is_working_day(dt.date(2036, 4, 14))
    closure = NonWorkingDay.objects.get(day=dt.date(2036, 12, 24))
    assert closure.kind == NonWorkingDayKind.COUNCIL_CLOSURE

    out = StringIO()
    call_command("calendar", "sync", "--from", "2015", "--to", "2036", stdout=out)
    assert "0 bank holidays added" in out.getvalue()


def test_sync_rejects_backwards_years():
    with pytest.raises(CommandError, match="--to must not be before --from"):
        call_command("calendar", "sync", "--from", "2030", "--to", "2020")
