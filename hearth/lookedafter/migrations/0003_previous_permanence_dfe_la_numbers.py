"""LA_PERM (rule 633) holds the DfE's three-digit LA number, not the council's ONS code.

Previous permanence orders recorded with the ONS code of a council Hearth lists (the demo council
and its neighbours, `hearth.geography.areas` when this was written) are changed to its DfE number.
Other ONS codes cannot be converted here and are left as they were; the 903 reports them (633)
and a worker corrects them on the child's record.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

# ONS code (upper tier, and the districts of a county) -> DfE LA number, frozen from
# hearth.geography.areas so later edits there do not change what this migration did.
ONS_TO_DFE = {
    "E08000034": "382",  # Kirklees
    "E08000033": "381",  # Calderdale
    "E08000035": "383",  # Leeds
    "E08000036": "384",  # Wakefield
    "E08000032": "380",  # Bradford
    "E08000038": "370",  # Barnsley
    "E08000016": "370",  # Barnsley, before the 2019 code change
    "E08000004": "353",  # Oldham
    "E10000007": "830",  # Derbyshire
    **{f"E0700003{n}": "830" for n in range(2, 10)},  # Derbyshire's districts
}


def to_dfe_numbers(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    PreviousPermanenceOrder = apps.get_model("lookedafter", "PreviousPermanenceOrder")
    for ons, dfe in ONS_TO_DFE.items():
        PreviousPermanenceOrder.objects.filter(arranged_by_la__iexact=ons).update(
            arranged_by_la=dfe
        )


class Migration(migrations.Migration):
    dependencies = [
        ("lookedafter", "0002_placement_visit_schedule"),
    ]

    # Not reversed: a DfE number cannot tell which ONS code (county or district) was typed.
    operations = [migrations.RunPython(to_dfe_numbers, migrations.RunPython.noop)]
