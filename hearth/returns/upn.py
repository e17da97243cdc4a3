"""UPN checks as the returns make them (CIN census 1510-1560Q, SSDA903 168).

`hearth.people.identifiers` refuses a malformed UPN when it is typed; the return is checked
again because it is what the DfE receives, and because rule 1530 (characters 2-4 must be a real
DfE LA number) needs the list of LA numbers, which lives here.
"""

from __future__ import annotations

from hearth.people.identifiers import UPN_LENGTH, UPN_LETTERS, upn_check_letter

# DfE three-digit LA numbers in use since April 1998 (characters 2-4 of a UPN), including
# councils since merged: a UPN keeps the number of the council that issued it. The 2019-2023
# reorganisations added 838 (Dorset), 839 (Bournemouth, Christchurch and Poole), 940 (North
# Northamptonshire), 941 (West Northamptonshire), 942 (Cumberland) and 943 (Westmorland and
# Furness).
LA_NUMBERS = frozenset(
    {
        *range(201, 214),
        *range(301, 321),
        *range(330, 337),
        *range(340, 345),
        *range(350, 360),
        *range(370, 374),
        *range(380, 385),
        *range(390, 395),
        420,
        800, 801, 802, 803, 805, 806, 807, 808, 810, 811, 812, 813, 815, 816,
        821, 822, 823, 825, 826, 830, 831, 835, 836, 837, 838, 839, 840, 841, 845, 846,
        850, 851, 852, 855, 856, 857, 860, 861, 865, 866, 867, 868, 869, 870,
        871, 872, 873, 874, 876, 877, 878, 879, 880, 881, 882, 883, 884, 885,
        886, 887, 888, 889, 890, 891, 892, 893, 894, 895, 896, 908, 909, 916,
        919, 921, 925, 926, 928, 929, 931, 933, 935, 936, 937, 938,
        940, 941, 942, 943,
    }
)  # fmt: skip


def upn_characters_numeric(upn: str) -> bool:
    """Rule 1540: characters 5 to 12 are digits."""
    middle = upn[4:12]
    return len(middle) == 8 and middle.isascii() and middle.isdigit()


def upn_la_number_known(upn: str) -> bool:
    """Rule 1530: characters 2 to 4 are a DfE LA number."""
    digits = upn[1:4]
    return len(digits) == 3 and digits.isascii() and digits.isdigit() and int(digits) in LA_NUMBERS


def upn_last_character_valid(upn: str) -> bool:
    """Rule 1550: character 13 is a digit or a letter other than I, O and S."""
    if len(upn) != UPN_LENGTH:
        return False
    last = upn[12]
    return (last.isascii() and last.isdigit()) or last in UPN_LETTERS


def upn_check_letter_valid(upn: str) -> bool:
    """Rule 1510: character 1 is the check letter of characters 2 to 13.

    Only decidable once the other characters are well formed; otherwise the other rules speak.
    """
    if not (
        len(upn) == UPN_LENGTH
        and upn[1:12].isascii()
        and upn[1:12].isdigit()
        and upn_last_character_valid(upn)
    ):
        return True
    return upn[0] == upn_check_letter(upn[1:])


def upn_well_formed(upn: str) -> bool:
    """Every UPN format rule at once (used for `FormerUPN`, rule 1560Q)."""
    return (
        len(upn) == UPN_LENGTH
        and upn[0] in UPN_LETTERS
        and upn[1:12].isascii()
        and upn[1:12].isdigit()
        and upn_last_character_valid(upn)
        and upn_check_letter_valid(upn)
    )
