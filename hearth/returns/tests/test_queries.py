"""Building a return costs the same number of queries for one child as for many (no N+1)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.returns.selectors import cin_census_build
from hearth.returns.ssda903 import ssda903_tables
from hearth.returns.tests.factories import LONDON
from hearth.returns.tests.test_command import history
from hearth.returns.tests.test_ssda903 import history as looked_after_history
from hearth.returns.years import CollectionYear

pytestmark = pytest.mark.django_db
YEAR = CollectionYear(2026)


def queries(build):
    with CaptureQueriesContext(connection) as captured:
        build()
    return len(captured)


def cin():
    return cin_census_build(collection=YEAR, generated_at=dt.datetime(2026, 4, 1, tzinfo=LONDON))


def test_the_cin_census_reads_each_table_once():
    history(upn="V382432125001")
    one = queries(cin)
    history(upn="J382432125002")
    history(upn="Y382432125003")
    assert queries(cin) == one
    assert len(cin().children) == 3


def test_the_ssda903_reads_each_table_once():
    looked_after_history()
    one = queries(lambda: ssda903_tables(collection=YEAR))
    looked_after_history(upn="J382432125002")
    assert queries(lambda: ssda903_tables(collection=YEAR)) == one
