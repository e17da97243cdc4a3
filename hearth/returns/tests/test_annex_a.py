"""Annex A lists and the xlsx writer: the workbook opens as a zip of well-formed parts with the
lists' columns and the child's values."""

import datetime as dt
import io
import xml.etree.ElementTree as ET
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command

from hearth.returns.annex_a import annex_a_sheets
from hearth.returns.tests.test_command import history
from hearth.returns.xlsx import Sheet, column_letter, sheet_name, workbook_bytes

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def cells(book: bytes, index: int) -> list[list[str]]:
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        root = ET.fromstring(archive.read(f"xl/worksheets/sheet{index}.xml"))  # noqa: S314
    return [
        ["".join(c.itertext()) for c in row.iterfind("m:c", NS)]
        for row in root.iterfind("m:sheetData/m:row", NS)
    ]


def test_column_letters_and_sheet_names():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
    assert (
        sheet_name("List 5: S47/ICPC [all] and a very long name")
        == "List 5  S47 ICPC  all  and a ve"
    )


def test_workbook_parts_are_well_formed_and_values_typed():
    book = workbook_bytes(
        [Sheet("One", ["Name", "Born", "Age"], [["A & B <c>", dt.date(2015, 6, 1), 10, None]])]
    )
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        names = set(archive.namelist())
        for name in names:
            ET.fromstring(archive.read(name))  # noqa: S314 - our own output, well-formed
    assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/styles.xml",
            "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"} == names  # fmt: skip
    # 1 June 2015 is day 42156 in Excel's 1900 date system.
    assert cells(book, 1) == [["Name", "Born", "Age"], ["A & B <c>", "42156", "10"]]
    with pytest.raises(ValueError, match="unique"):
        workbook_bytes([Sheet("A", [], []), Sheet("A", [], [])])


@pytest.mark.django_db
def test_the_child_protection_list_names_the_child_and_the_plan(tmp_path):
    person = history()
    sheets = {s.name: s for s in annex_a_sheets(inspection_date=dt.date(2025, 11, 22))}
    assert list(sheets) == [
        "List 1 Contacts", "List 3 Referrals", "List 4 Assessments", "List 5 S47 and ICPC",
        "List 6 Children in need", "List 7 Child protection",
    ]  # fmt: skip
    (plan_row,) = sheets["List 7 Child protection"].rows
    header = sheets["List 7 Child protection"].header
    values = dict(zip(header, plan_row, strict=False))
    assert values["Child Unique ID"] == person.reference
    assert values["CPP Start Date"] == dt.date(2025, 6, 24)
    assert values["Initial Category of Abuse"] == "EMO"
    assert values["Number of Previous CPPs"] == 0
    (s47_row,) = sheets["List 5 S47 and ICPC"].rows
    s47 = dict(zip(sheets["List 5 S47 and ICPC"].header, s47_row, strict=False))
    assert s47["Date of ICPC"] == dt.date(2025, 6, 24)
    assert s47["Did the ICPC result in a CP Plan"] == "Y"

    out = tmp_path / "annex-a.xlsx"
    call_command("returns", "annex-a", "--date", "2025-11-22", "--out", str(out), stdout=StringIO())
    assert cells(out.read_bytes(), 6)[1][0] == person.reference
