"""Last year's SSDA903 tables, as submitted, read from a folder of the DfE's CSV files.

Rules that compare with last year's return (returns.md 2.6) should read what was submitted, not
what the record says now. The folder holds one `<Table>.csv` per table, the names
`hearth.returns.ssda903.ssda903_write` writes. Each file's header row must be exactly that
year's header for the table (returns.md 2.2); a file whose columns differ is refused with the
file named and the missing or unexpected columns listed, so nothing is compared against the
wrong column. Header and Episodes must be there; any other table may be missing (a council
with no adoptions in the year may not have sent AD1) and is read as empty.
"""

from __future__ import annotations

import csv
from pathlib import Path

from hearth.returns.ssda903 import HEADERS, Row, Tables, table_names
from hearth.returns.years import CollectionYear

REQUIRED_TABLES = ("Header", "Episodes")


class PreviousReturnError(ValueError):
    """Last year's files cannot be read as that year's SSDA903 tables."""


def _read_table(path: Path, name: str) -> list[Row]:
    expected = HEADERS[name]
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            columns = [c.strip() for c in next(reader, [])]
            missing = [c for c in expected if c not in columns]
            unexpected = [c for c in columns if c not in expected]
            if missing or unexpected or len(columns) != len(set(columns)):
                problems = []
                if missing:
                    problems.append(f"missing columns {', '.join(missing)}")
                if unexpected:
                    problems.append(f"unexpected columns {', '.join(unexpected)}")
                if not problems:
                    problems.append("a column appears twice")
                raise PreviousReturnError(
                    f"{path.name}: {'; '.join(problems)} (the {name} table has "
                    f"{','.join(expected)})"
                )
            rows: list[Row] = []
            for line, values in enumerate(reader, start=2):
                if not any(v.strip() for v in values):
                    continue
                if len(values) != len(columns):
                    raise PreviousReturnError(
                        f"{path.name} line {line}: {len(values)} values for {len(columns)} columns"
                    )
                cells = dict(zip(columns, (v.strip() for v in values), strict=True))
                rows.append({c: cells[c] for c in expected})
            return rows
    except UnicodeDecodeError as error:
        raise PreviousReturnError(f"{path.name}: not UTF-8 text ({error.reason})") from error
    except csv.Error as error:
        raise PreviousReturnError(f"{path.name}: not a CSV file ({error})") from error


def ssda903_previous_read(*, folder: Path, collection: CollectionYear) -> Tables:
    """The SSDA903 tables submitted for `collection` (last year), read from `folder`.

    Raises `PreviousReturnError` naming the file when a table's columns are not that year's,
    or when Header or Episodes is missing.
    """
    if not folder.is_dir():
        raise PreviousReturnError(f"{folder} is not a folder of SSDA903 CSV files")
    tables: Tables = {}
    for name in table_names(collection):
        path = folder / f"{name}.csv"
        if not path.is_file():
            if name in REQUIRED_TABLES:
                raise PreviousReturnError(
                    f"{name}.csv is missing from {folder}: last year's {name} table is needed"
                )
            tables[name] = []
            continue
        tables[name] = _read_table(path, name)
    return tables
