"""`hearth audit seal` and `hearth audit verify`: the hash chain over the audit trail.

    hearth audit seal     append links covering every audit row written since the last seal
    hearth audit verify   recompute the chain; exit with status 1 at the first broken link

Run `seal` periodically (a scheduled job) and publish the head hash it prints somewhere the
database's administrators cannot change (for example a daily email to the information governance
lead): a rewritten chain then no longer ends in the published hash.
"""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hearth.audit.selectors import audit_chain_head, audit_chain_verify
from hearth.audit.services import audit_chain_seal


class Command(BaseCommand):
    help = "Seal the audit trail into its hash chain, or verify the chain."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        subcommands.add_parser("seal", help="Append chain links covering new audit rows")
        subcommands.add_parser("verify", help="Check every link; report the first broken one")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "seal":
            links = audit_chain_seal()
            rows = sum(link.row_count for link in links)
            self.stdout.write(f"Sealed {rows} audit rows in {len(links)} new links.")
            self.stdout.write(f"Chain head: {audit_chain_head()}")
            return
        report = audit_chain_verify()
        if report.broken is not None:
            link = report.broken
            raise CommandError(
                f"The audit chain is broken at link {link.seal_id} ({link.source}, ids "
                f"{link.from_id + 1} to {link.to_id}): it {link.problem}. "
                f"{report.links_checked - 1} links before it are intact."
            )
        self.stdout.write(
            f"The audit chain is intact: {report.links_checked} links checked.\n"
            f"Chain head: {report.head_hash}"
        )
