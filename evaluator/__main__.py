"""The command line: parse the arguments, then call the core or start the app.

Exit codes: 0 success, 2 bad usage or bad data (the message says which file, field or name).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from evaluator import __version__, export, followups, paths, report, scoring, store
from evaluator.model import Opportunity, Profile

BAD = 2


class UsageError(Exception):
    """A problem the user can fix: printed without a traceback, exit code 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evaluator",
        description="Weigh what interviews revealed and compare job opportunities honestly.",
    )
    parser.add_argument("--version", action="version", version=f"evaluator {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"use this data folder (default: ${paths.ENV_VAR} or the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("demo", help="start the app on a throwaway copy of the example data")
    commands.add_parser("locate", help="print the folders in use")

    serve = commands.add_parser("serve", help="serve the app in a web browser (127.0.0.1 only unless --host)")
    serve.add_argument("--port", type=int, metavar="N", help="port to listen on (default: 8000)")
    serve.add_argument("--host", metavar="HOST", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--public-url", metavar="URL", help="the address browsers use, if not http://HOST:PORT")

    listing = commands.add_parser("list", help="opportunities with stage and score")
    listing.add_argument("--profile", metavar="NAME", help="score under this profile")
    listing.add_argument("--all", action="store_true", help="include closed and archived ones")

    show = commands.add_parser("show", help="one opportunity: details, interviews and score")
    show.add_argument("opportunity", metavar="OPP", help="its id or the start of its company name")
    show.add_argument("--profile", metavar="NAME", help="score under this profile")

    profiles = commands.add_parser("profiles", help="list or show priority profiles")
    profile_commands = profiles.add_subparsers(dest="profiles_command", metavar="list|show", required=True)
    profile_commands.add_parser("list", help="every profile, built-in and your own")
    profile_show = profile_commands.add_parser("show", help="one profile's criteria and weights")
    profile_show.add_argument("name", metavar="NAME")

    score = commands.add_parser("score", help="one opportunity's score, range and evidence")
    score.add_argument("opportunity", metavar="OPP")
    score.add_argument("--profile", metavar="NAME", help="score under this profile")

    compare = commands.add_parser("compare", help="rank opportunities with ranges and win probabilities")
    compare.add_argument("opportunities", metavar="OPP", nargs="*", help="default: every open opportunity")
    compare.add_argument("--profile", metavar="NAME", help="rank under this profile")
    compare.add_argument("--vs-profile", metavar="NAME", help="also rank under a second profile")
    compare.add_argument("--format", choices=("table", "json", "markdown"), default="table")

    exporting = commands.add_parser("export", help="a comparison as a Markdown memo, a CSV sheet or JSON data")
    exporting.add_argument("opportunities", metavar="OPP", nargs="*", help="default: every open opportunity")
    exporting.add_argument(
        "--format",
        choices=export.EXPORT_FORMATS,
        required=True,
        help="markdown: a decision memo to read or send; csv: one row each, for a spreadsheet; json: all the data",
    )
    exporting.add_argument("--profile", metavar="NAME", help="score under this profile")
    exporting.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: print it)")
    exporting.add_argument("--force", action="store_true", help="replace FILE if it already exists")

    due = commands.add_parser("followups", help="thank-you notes, follow-ups and quiet opportunities due")
    due.add_argument(
        "--stale-days",
        metavar="N",
        type=int,
        default=followups.STALE_DAYS,
        help=f"quiet after N days (default {followups.STALE_DAYS})",
    )
    due.add_argument("--ics", metavar="FILE", help="also write the follow-up dates as an iCalendar file")
    due.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    due.add_argument("--profile", metavar="NAME", help="what to ask next, in the calendar, under this profile")

    delete = commands.add_parser("delete", help="move an opportunity to the trash (`trash restore` brings it back)")
    delete.add_argument("opportunity", metavar="OPP", help="its id or the start of its company name")

    trash = commands.add_parser("trash", help="deleted opportunities and profiles: list them or bring one back")
    trash_commands = trash.add_subparsers(dest="trash_command", metavar="list|restore", required=True)
    trash_commands.add_parser("list", help="what is in the trash, newest first")
    restore = trash_commands.add_parser("restore", help="put a deleted opportunity or profile back")
    restore.add_argument("item", metavar="ID", help="its id from `trash list`, or the start of its name")

    repair = commands.add_parser("repair", help="list the files that cannot be read, and move them aside if asked")
    repair.add_argument(
        "--quarantine", action="store_true", help="move them into the quarantine folder (nothing is deleted)"
    )

    importing = commands.add_parser("import", help="add opportunities from a CSV export of a job tracker or sheet")
    importing.add_argument("file", metavar="FILE.csv", help="UTF-8 CSV with at least a company and a role column")
    importing.add_argument("--dry-run", action="store_true", help="show what would be imported; write nothing")
    importing.add_argument("--merge", action="store_true", help="fill the empty fields of likely duplicates")
    return parser


def _warn(problems: Sequence[object]) -> None:
    for problem in problems:
        print(f"evaluator: skipped {problem}", file=sys.stderr)


class _Data:
    """Everything a command reads, loaded once; bad files are reported and skipped."""

    def __init__(self) -> None:
        profiles = store.load_profiles()
        opportunities = store.load_opportunities(profiles.items)
        self.profiles = profiles.items
        self.opportunities = opportunities.items
        self.problems = [*profiles.problems, *opportunities.problems]
        _warn(self.problems)

    def profile(self, name: str | None) -> Profile:
        try:
            return store.find_profile(self.profiles, name or store.load_settings().profile)
        except store.NotFound as error:
            raise UsageError(str(error)) from error

    def pick(self, queries: Sequence[str]) -> list[Opportunity]:
        """The opportunities named, or every open one when none is named."""
        if not queries:
            return [o for o in self.opportunities if o.is_open]
        try:
            found = [store.find_opportunity(self.opportunities, q) for q in queries]
        except store.NotFound as error:
            raise UsageError(str(error)) from error
        return list({o.id: o for o in found}.values())  # `pulse pulseband` names one opportunity once


def run_demo() -> int:
    """Start the app on a throwaway copy of the examples; the user's data is never touched."""
    folder = Path(tempfile.mkdtemp(prefix="evaluator-demo-"))
    try:
        paths.set_data_dir(folder)
        store.copy_examples(folder)
        return _run_app()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_app() -> int:
    from evaluator.app import EvaluatorApp  # Textual is imported only when the app starts

    EvaluatorApp(read_after_first_frame=True).run()
    return 0


def _command(args: argparse.Namespace) -> int:
    if args.command is None:
        return _run_app()
    if args.command == "demo":
        return run_demo()
    if args.command == "locate":
        print(report.locations())
        return 0
    if args.command == "serve":
        from evaluator import serve  # textual-serve is imported only when serving

        try:
            return serve.run(paths.data_dir(), args.host, args.port, args.public_url)
        except serve.CannotServe as error:
            raise UsageError(str(error)) from error

    if args.command == "trash":
        return _trash(args)
    if args.command == "repair":
        return _repair(args.quarantine)

    data = _Data()
    out = ""
    if args.command == "list":
        profile = data.profile(args.profile)
        chosen = data.pick([])
        closed = [o for o in data.opportunities if not o.is_open] if args.all else []
        out = report.opportunity_list(
            scoring.rank(scoring.score_all(chosen, profile)), profile, scoring.rank(scoring.score_all(closed, profile))
        )
    elif args.command == "show":
        profile = data.profile(args.profile)
        (opportunity,) = data.pick([args.opportunity])
        out = report.opportunity_text(opportunity, scoring.score(opportunity, profile), profile)
    elif args.command == "score":
        profile = data.profile(args.profile)
        (opportunity,) = data.pick([args.opportunity])
        out = report.score_text(scoring.score(opportunity, profile), profile)
    elif args.command == "profiles":
        if args.profiles_command == "list":
            out = report.profile_list(data.profiles)
        else:
            out = report.profile_text(data.profile(args.name))
    elif args.command == "compare":
        chosen = data.pick(args.opportunities)
        if not chosen:
            raise UsageError("nothing to compare: there are no open opportunities (try `evaluator list --all`)")
        comparison = scoring.compare(chosen, data.profile(args.profile))
        other = scoring.compare(chosen, data.profile(args.vs_profile)) if args.vs_profile else None
        if args.format == "json":
            out = json.dumps(report.comparison_json(comparison, other), indent=2, ensure_ascii=False)
        elif args.format == "markdown":
            out = report.comparison_markdown(comparison, other)
        else:
            out = report.comparison_table(comparison, other)
    elif args.command == "export":
        chosen = data.pick(args.opportunities)
        if not chosen:
            raise UsageError("nothing to export: there are no open opportunities (try `evaluator list --all`)")
        profile = data.profile(args.profile)
        if args.output:  # a bad path fails before any work
            export.export_target(args.output, overwrite=args.force)
        text = export.export(scoring.compare(chosen, profile), args.format)
        if not args.output:
            sys.stdout.write(text)
            return BAD if data.problems else 0
        out = f"Wrote {export.write_export(text, args.output, args.format, overwrite=args.force)}"
    elif args.command == "followups":
        try:
            out = followups.command(
                data.opportunities,
                date.today(),
                stamp=datetime.now(UTC).replace(microsecond=0),
                stale_days=args.stale_days,
                ics=args.ics,
                force=args.force,
                profile=data.profile(args.profile) if args.ics else None,
                unreadable=len(data.problems),
            )
        except followups.FollowupError as error:
            raise UsageError(str(error)) from error
    elif args.command == "delete":
        (opportunity,) = data.pick([args.opportunity])
        try:
            store.delete_opportunity(opportunity)
        except (store.NotFound, OSError) as error:
            raise UsageError(str(error)) from error
        out = f"Moved {opportunity.name} to the trash. Bring it back with: evaluator trash restore {opportunity.id}"
    elif args.command == "import":
        from evaluator import importing

        try:
            out = importing.command(args.file, data.opportunities, dry_run=args.dry_run, merge=args.merge)
        except importing.CannotImport as error:
            raise UsageError(str(error)) from error
    print(out)
    return BAD if data.problems else 0


def _trash(args: argparse.Namespace) -> int:
    items = store.trashed()
    if args.trash_command == "list":
        print(report.trash_list(items))
        return 0
    try:
        item = store.find_trashed(items, args.item)
        restored = store.restore(item)
    except (store.NotFound, ValueError, OSError) as error:
        raise UsageError(str(error)) from error
    print(f"Restored {item.name} to {restored}")
    return 0


def _repair(move: bool) -> int:
    """List the files that cannot be read; with `move`, put them in quarantine. Exit 2 while any remain."""
    profiles = store.load_profiles()
    problems = [*profiles.problems, *store.load_opportunities(profiles.items).problems, *store.settings_problems()]
    moved, failed = store.quarantine_bad(problems) if move else ([], [])
    print(report.repair_text(problems, moved))
    for reason in failed:
        print(f"evaluator: not moved: {reason}", file=sys.stderr)
    gone = {source for source, _ in moved}
    return BAD if any(p.path not in gone for p in problems) else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    folder = paths.data_dir()
    if folder.exists() and not folder.is_dir():
        print(f"evaluator: the data folder {folder} is a file, not a folder", file=sys.stderr)
        return BAD
    store.clean_temporaries()
    try:
        return _command(args)
    except UsageError as error:
        print(f"evaluator: {error}", file=sys.stderr)
        return BAD
    except store.TargetExists as error:  # an export or a calendar would replace a file
        print(f"evaluator: {error} (pass --force to replace it)", file=sys.stderr)
        return BAD
    except store.CannotWrite as error:
        print(f"evaluator: {error}", file=sys.stderr)
        return BAD
    except BrokenPipeError:
        # The reader stopped early (`evaluator compare | head`): not an error. Point stdout at
        # /dev/null so Python's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
