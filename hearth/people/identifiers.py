"""Checks for the national identifiers Hearth records: NHS number, UPN, ULN (domain.md section 8).

Each `validate_*` function takes what a worker typed, strips spaces (and, for the NHS number, the
hyphens some systems print), checks it, and returns the compact form to store. A failure raises
Django's `ValidationError` with one specific message, so a form can show it beside the field and
the worker knows what to fix: a wrong length reads differently from a wrong check digit, because
the first usually means a digit was missed and the second that two were swapped.

Partial: rule 1530 of the CIN census (characters 2-4 of a UPN must be a real DfE LA number) is
not checked here. The list of LA numbers is not in the project's reference material
(/work/shared/reference), and a stale list would refuse real UPNs issued by councils created
since (Dorset, the Northamptonshires, Cumberland). The returns validation, which must hold that
list anyway, reports it; here we check only that they are digits.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from hearth.people.codes import IdentifierKind

NHS_NUMBER_LENGTH = 10
UPN_LENGTH = 13
ULN_LENGTH = 10

# The 23 letters a UPN may use: I, O and S are left out because they read like 1, 0 and 5.
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def compact(value: str) -> str:
    """What was typed, without spaces (anywhere) and in upper case."""
    return "".join(value.split()).upper()


def nhs_check_digit(first_nine: str) -> int | None:
    """The NHS number check digit for nine digits, or None when no number can end them.

    Modulus 11 with weights 10..2; a remainder giving 10 means no valid NHS number starts so.
    """
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def validate_nhs_number(value: str) -> str:
    """Check an NHS number and return its 10 digits."""
    number = compact(value).replace("-", "")
    if not number:
        raise ValidationError("Enter an NHS number", code="required")
    if not number.isdigit() or not number.isascii():
        raise ValidationError("An NHS number must only include numbers 0 to 9", code="not_digits")
    if len(number) != NHS_NUMBER_LENGTH:
        raise ValidationError("Enter an NHS number with 10 digits", code="length")
    expected = nhs_check_digit(number[:9])
    if expected is None or expected != int(number[9]):
        raise ValidationError(
            "The NHS number's check digit is wrong - check it has been copied correctly",
            code="check_digit",
        )
    return number


def upn_check_letter(last_twelve: str) -> str:
    """The check letter for characters 2 to 13 of a UPN.

    A digit is worth itself and a letter (only in position 13, for a temporary UPN) its index in
    `UPN_LETTERS`; each value is weighted by its position (2..13), and the sum mod 23 picks the
    letter.
    """
    total = 0
    for position, char in enumerate(last_twelve, start=2):
        worth = int(char) if char.isdigit() else UPN_LETTERS.index(char)
        total += worth * position
    return UPN_LETTERS[total % 23]


def validate_upn(value: str) -> str:
    """Check a unique pupil number (permanent or temporary) and return its 13 characters."""
    upn = compact(value)
    if not upn:
        raise ValidationError("Enter a UPN", code="required")
    if len(upn) != UPN_LENGTH:
        raise ValidationError("Enter a UPN with 13 characters", code="length")
    if upn[0] not in UPN_LETTERS:
        raise ValidationError(
            "A UPN must start with a letter (not I, O or S)", code="first_character"
        )
    if not (upn[1:12].isdigit() and upn[1:12].isascii()):
        raise ValidationError("Characters 2 to 12 of a UPN must be numbers", code="not_digits")
    last = upn[12]
    if not ((last.isdigit() and last.isascii()) or last in UPN_LETTERS):
        raise ValidationError(
            "The last character of a UPN must be a number, or a letter other than I, O or S",
            code="last_character",
        )
    if upn_check_letter(upn[1:]) != upn[0]:
        raise ValidationError(
            "The UPN's check letter is wrong - check it has been copied correctly",
            code="check_letter",
        )
    return upn


def uln_is_consistent(number: str) -> bool:
    """Whether ten digits pass the ULN check: sum of digit x weight (10..1) mod 11 is 10."""
    total = sum(int(d) * w for d, w in zip(number, range(10, 0, -1), strict=True))
    return total % 11 == 10


def validate_uln(value: str) -> str:
    """Check a unique learner number and return its 10 digits."""
    number = compact(value)
    if not number:
        raise ValidationError("Enter a ULN", code="required")
    if not number.isdigit() or not number.isascii():
        raise ValidationError("A ULN must only include numbers 0 to 9", code="not_digits")
    if len(number) != ULN_LENGTH:
        raise ValidationError("Enter a ULN with 10 digits", code="length")
    if number[0] == "0":
        raise ValidationError("A ULN cannot start with 0", code="leading_zero")
    if not uln_is_consistent(number):
        raise ValidationError(
            "The ULN's check digit is wrong - check it has been copied correctly",
            code="check_digit",
        )
    return number


def validate_identifier(kind: str, value: str) -> str:
    """Check `value` as an identifier of `kind` (an `IdentifierKind`) and return it compacted."""
    if kind == IdentifierKind.NHS:
        return validate_nhs_number(value)
    if kind in (IdentifierKind.UPN, IdentifierKind.FORMER_UPN):
        return validate_upn(value)
    if kind == IdentifierKind.ULN:
        return validate_uln(value)
    raise ValidationError("Select the kind of identifier", code="kind")
