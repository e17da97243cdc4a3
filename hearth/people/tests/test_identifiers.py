import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from hearth.people.codes import IdentifierKind
from hearth.people.identifiers import (
    UPN_LETTERS,
    nhs_check_digit,
    upn_check_letter,
    validate_identifier,
    validate_nhs_number,
    validate_uln,
    validate_upn,
)


def message(func, value: str) -> str:
    with pytest.raises(ValidationError) as caught:
        func(value)
    return caught.value.messages[0]


# NHS number


def test_nhs_number_published_vectors():
    assert validate_nhs_number("9434765919") == "9434765919"
    assert message(validate_nhs_number, "9434765918") == (
        "The NHS number's check digit is wrong - check it has been copied correctly"
    )


@pytest.mark.parametrize("typed", ["943 476 5919", " 943-476-5919 ", "9434 765919\t"])
def test_nhs_number_spaces_and_hyphens_are_stripped(typed):
    assert validate_nhs_number(typed) == "9434765919"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "Enter an NHS number"),
        ("   ", "Enter an NHS number"),
        ("943476591", "Enter an NHS number with 10 digits"),
        ("94347659190", "Enter an NHS number with 10 digits"),
        ("94347659A9", "An NHS number must only include numbers 0 to 9"),
        ("９４３４７６５９１９", "An NHS number must only include numbers 0 to 9"),
    ],
)
def test_nhs_number_failures_say_what_is_wrong(typed, expected):
    assert message(validate_nhs_number, typed) == expected


def test_nhs_number_whose_check_would_be_ten_is_never_valid():
    # Some nine-digit starts need a check digit of 10, which does not exist: no number is valid.
    first_nine = next(
        f"{n:09d}" for n in range(100000000, 100001000) if nhs_check_digit(f"{n:09d}") is None
    )
    for last in "0123456789":
        with pytest.raises(ValidationError):
            validate_nhs_number(first_nine + last)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_nhs_number_exactly_one_last_digit_fits_unless_none_does(first_nine):
    valid = [d for d in "0123456789" if _is_valid(validate_nhs_number, first_nine + d)]
    check = nhs_check_digit(first_nine)
    assert valid == ([] if check is None else [str(check)])


@given(st.text(alphabet="0123456789", min_size=10, max_size=10), st.integers(0, 8))
def test_nhs_number_swapping_two_different_neighbours_is_caught(number, i):
    swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
    if swapped != number and _is_valid(validate_nhs_number, number):
        assert not _is_valid(validate_nhs_number, swapped)


@given(st.text(alphabet="0123456789", min_size=10, max_size=10), st.integers(0, 9))
def test_nhs_number_changing_one_digit_is_caught(number, i):
    if _is_valid(validate_nhs_number, number):
        for d in "0123456789":
            if d != number[i]:
                assert not _is_valid(validate_nhs_number, number[:i] + d + number[i + 1 :])


# UPN


def test_upn_published_vector_and_its_wrong_letter():
    assert validate_upn("B801200005001") == "B801200005001"
    assert validate_upn(" b801 2000 05001 ") == "B801200005001"
    assert message(validate_upn, "A801200005001") == (
        "The UPN's check letter is wrong - check it has been copied correctly"
    )


def test_temporary_upn_with_a_letter_in_position_13():
    body = "80120000500A"
    upn = upn_check_letter(body) + body
    assert validate_upn(upn) == upn


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "Enter a UPN"),
        ("B80120000500", "Enter a UPN with 13 characters"),
        ("I801200005001", "A UPN must start with a letter (not I, O or S)"),
        ("1801200005001", "A UPN must start with a letter (not I, O or S)"),
        ("X80120000A001", "Characters 2 to 12 of a UPN must be numbers"),
        (
            "B80120000500O",
            "The last character of a UPN must be a number, or a letter other than I, O or S",
        ),
    ],
)
def test_upn_failures_say_what_is_wrong(typed, expected):
    assert message(validate_upn, typed) == expected


upn_bodies = st.tuples(
    st.text(alphabet="0123456789", min_size=11, max_size=11),
    st.sampled_from("0123456789" + UPN_LETTERS),
).map("".join)


@given(upn_bodies)
def test_upn_exactly_one_check_letter_fits(body):
    valid = [c for c in UPN_LETTERS if _is_valid(validate_upn, c + body)]
    assert valid == [upn_check_letter(body)]


# Positions 2-12 only: in position 13 a letter is worth its index, so A and 0 are the same there.
@given(upn_bodies, st.integers(1, 11), st.sampled_from("0123456789"))
def test_upn_changing_one_digit_is_caught(body, i, digit):
    upn = upn_check_letter(body) + body
    changed = upn[:i] + digit + upn[i + 1 :]
    if changed != upn:
        assert not _is_valid(validate_upn, changed)


# ULN


def test_uln_published_vector():
    assert validate_uln("9276308686") == "9276308686"
    assert validate_uln("92763 08686") == "9276308686"
    assert message(validate_uln, "9276308687") == (
        "The ULN's check digit is wrong - check it has been copied correctly"
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "Enter a ULN"),
        ("927630868", "Enter a ULN with 10 digits"),
        ("92763O8686", "A ULN must only include numbers 0 to 9"),
        ("0276308686", "A ULN cannot start with 0"),
    ],
)
def test_uln_failures_say_what_is_wrong(typed, expected):
    assert message(validate_uln, typed) == expected


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_uln_rule_matches_the_weighted_sum(number):
    total = sum(int(d) * w for d, w in zip(number, range(10, 0, -1), strict=True))
    expected = number[0] != "0" and total % 11 == 10
    assert _is_valid(validate_uln, number) == expected


def test_nhs_number_and_uln_designs_do_not_collide_on_the_vectors():
    assert not _is_valid(validate_uln, "9434765919")
    assert not _is_valid(validate_nhs_number, "9276308686")


# Dispatch


def test_validate_identifier_dispatches_on_kind():
    assert validate_identifier(IdentifierKind.NHS, "943 476 5919") == "9434765919"
    assert validate_identifier(IdentifierKind.UPN, "B801200005001") == "B801200005001"
    assert validate_identifier(IdentifierKind.FORMER_UPN, "B801200005001") == "B801200005001"
    assert validate_identifier(IdentifierKind.ULN, "9276308686") == "9276308686"
    with pytest.raises(ValidationError):
        validate_identifier("passport", "123")


def _is_valid(func, value: str) -> bool:
    try:
        func(value)
    except ValidationError:
        return False
    return True
