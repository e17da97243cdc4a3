"""`hearth audit-tools`: check the audit tool files and list the versions.

Run it after adding or changing a tool file, before deploying. It reports every file that cannot
be read (with its problems), two files claiming one version, and any version that audits have
used whose file has since changed (audits keep the copy they were graded on, and recording a new
audit on that version would be refused: give the changed tool a new version number). It exits
with an error when there is any problem.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hearth.quality.models import AuditToolVersion
from hearth.quality.tools import ToolFile, ToolFileError, load_file, tool_dirs


class Command(BaseCommand):
    help = "Check the case audit tool files and list their versions."

    def handle(self, *args: Any, **options: Any) -> None:
        problems: list[str] = []
        files: dict[tuple[str, int], ToolFile] = {}
        for folder in tool_dirs():
            for path in sorted(folder.glob("*.yaml")):
                try:
                    definition = load_file(path)
                except ToolFileError as error:
                    problems.append(str(error))
                    continue
                slot = (definition.key, definition.version)
                if slot in files:
                    problems.append(
                        f"{path.name}: {definition.key} version {definition.version} is also "
                        f"defined in {files[slot].path.name}"
                    )
                    continue
                files[slot] = ToolFile(path=path, definition=definition)
        used = {(v.key, v.version): v for v in AuditToolVersion.objects.all()}
        newest = dict(sorted(files))
        for (key, version), tool in sorted(files.items()):
            copy = used.get((key, version))
            if copy is not None and copy.definition != tool.definition.model_dump(mode="json"):
                problems.append(
                    f"{tool.path.name}: {key} version {version} has been used for audits and "
                    "has since changed; give the changed tool a new version number"
                )
            state = "offered for new audits" if newest[key] == version else "superseded"
            audits = copy.audits.count() if copy is not None else 0
            self.stdout.write(
                f"{key} version {version}: {tool.definition.title}, "
                f"{len(tool.definition.questions)} questions, {state}, {audits} audits "
                f"({tool.path.name})"
            )
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(self.style.SUCCESS("Audit tools are valid."))
