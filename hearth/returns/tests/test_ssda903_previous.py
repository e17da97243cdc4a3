"""Last year's SSDA903 tables read from the CSV files as submitted: headers checked, gaps empty."""

import pytest

from hearth.returns.ssda903 import HEADERS, table_csv, table_names
from hearth.returns.ssda903_previous import PreviousReturnError, ssda903_previous_read
from hearth.returns.years import CollectionYear

LAST_YEAR = CollectionYear(2026)


def tables():
    return {
        "Header": [
            {"CHILD": "C1", "SEX": "F", "DOB": "01/06/2012", "ETHNIC": "WBRI", "UPN": "UN1",
             "MOTHER": "1", "MC_DOB": "01/01/2026"},
        ],
        "Episodes": [
            {"CHILD": "C1", "DECOM": "10/01/2025", "RNE": "S", "LS": "C2", "CIN": "N1",
             "PLACE": "U1", "PLACE_PROVIDER": "PR1", "DEC": "", "REC": "",
             "REASON_PLACE_CHANGE": "", "HOME_POST": "HD1 2TA", "PL_POST": "HD8 9LS",
             "URN": "SC123456"},
        ],
    }  # fmt: skip


def write(folder, name, text):
    (folder / f"{name}.csv").write_text(text, encoding="utf-8", newline="")


def written(folder, year=LAST_YEAR):
    for name in table_names(year):
        write(folder, name, table_csv(name, tables().get(name, [])))
    return folder


def test_the_files_ssda903_write_writes_read_back_as_the_same_tables(tmp_path):
    read = ssda903_previous_read(folder=written(tmp_path), collection=LAST_YEAR)
    assert read == {name: tables().get(name, []) for name in table_names(LAST_YEAR)}
    assert "DoLo" not in read


def test_a_missing_optional_table_is_read_as_empty(tmp_path):
    written(tmp_path)
    (tmp_path / "AD1.csv").unlink()
    (tmp_path / "SWEpisodes.csv").unlink()
    read = ssda903_previous_read(folder=tmp_path, collection=LAST_YEAR)
    assert read["AD1"] == []
    assert read["SWEpisodes"] == []
    assert read["Header"] == tables()["Header"]


def test_dolo_is_read_from_2026_27_and_empty_when_not_sent(tmp_path):
    year = CollectionYear(2027)
    written(tmp_path, year)
    (tmp_path / "DoLo.csv").unlink()
    assert ssda903_previous_read(folder=tmp_path, collection=year)["DoLo"] == []


@pytest.mark.parametrize("name", ["Header", "Episodes"])
def test_header_and_episodes_must_be_there(tmp_path, name):
    written(tmp_path)
    (tmp_path / f"{name}.csv").unlink()
    with pytest.raises(PreviousReturnError, match=f"{name}.csv is missing"):
        ssda903_previous_read(folder=tmp_path, collection=LAST_YEAR)


def test_columns_missing_or_unexpected_are_named_with_the_file(tmp_path):
    written(tmp_path)
    columns = [c for c in HEADERS["Header"] if c != "MC_DOB"] + ["NHS_NUMBER"]
    write(tmp_path, "Header", ",".join(columns) + "\r\n")
    with pytest.raises(PreviousReturnError) as error:
        ssda903_previous_read(folder=tmp_path, collection=LAST_YEAR)
    assert str(error.value).startswith("Header.csv: missing columns MC_DOB; ")
    assert "unexpected columns NHS_NUMBER" in str(error.value)


def test_a_column_given_twice_is_refused(tmp_path):
    written(tmp_path)
    write(tmp_path, "Reviews", "CHILD,DOB,REVIEW,REVIEW_CODE,REVIEW\r\n")
    with pytest.raises(PreviousReturnError, match="Reviews.csv: a column appears twice"):
        ssda903_previous_read(folder=tmp_path, collection=LAST_YEAR)


def test_a_row_with_the_wrong_number_of_values_is_refused_by_line(tmp_path):
    written(tmp_path)
    write(tmp_path, "Reviews", "CHILD,DOB,REVIEW,REVIEW_CODE\r\nC1,01/06/2012,03/06/2025\r\n")
    with pytest.raises(PreviousReturnError, match="Reviews.csv line 2: 3 values for 4 columns"):
        ssda903_previous_read(folder=tmp_path, collection=LAST_YEAR)


def test_columns_in_another_order_a_byte_order_mark_and_spaces_are_accepted(tmp_path):
    written(tmp_path)
    (tmp_path / "Reviews.csv").write_text(
        "\ufeffREVIEW_CODE, CHILD,DOB,REVIEW\r\nPN1 ,C1,01/06/2012,03/06/2025\r\n\r\n",
        encoding="utf-8",
    )
    read = ssda903_previous_read(folder=tmp_path, collection=LAST_YEAR)
    assert read["Reviews"] == [
        {"CHILD": "C1", "DOB": "01/06/2012", "REVIEW": "03/06/2025", "REVIEW_CODE": "PN1"}
    ]
    assert list(read["Reviews"][0]) == list(HEADERS["Reviews"])


def test_a_file_that_is_not_text_is_refused(tmp_path):
    written(tmp_path)
    (tmp_path / "Missing.csv").write_bytes(b"\xff\xfe\x00\x00binary")
    with pytest.raises(PreviousReturnError, match="Missing.csv: not UTF-8 text"):
        ssda903_previous_read(folder=tmp_path, collection=LAST_YEAR)


def test_a_folder_that_is_not_there_is_refused(tmp_path):
    with pytest.raises(PreviousReturnError, match="is not a folder"):
        ssda903_previous_read(folder=tmp_path / "nowhere", collection=LAST_YEAR)
