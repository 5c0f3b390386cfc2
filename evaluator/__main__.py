"""The command line: parse the arguments, then call the core or start the app.

Exit codes: 0 success, 2 bad usage or bad data (the message says which file, field or name).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from evaluator import __version__, paths, report, scoring, store
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

    def pick(self, queries: Sequence[str], *, open_only: bool = True) -> list[Opportunity]:
        if not queries:
            return [o for o in self.opportunities if o.is_open or not open_only]
        try:
            return [store.find_opportunity(self.opportunities, q) for q in queries]
        except store.NotFound as error:
            raise UsageError(str(error)) from error


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

    EvaluatorApp().run()
    return 0


def _command(args: argparse.Namespace) -> int:
    if args.command is None:
        return _run_app()
    if args.command == "demo":
        return run_demo()
    if args.command == "locate":
        print(report.locations())
        return 0

    data = _Data()
    out = ""
    if args.command == "list":
        profile = data.profile(args.profile)
        chosen = data.pick([], open_only=not args.all)
        out = report.opportunity_list(scoring.rank(scoring.score_all(chosen, profile)), profile)
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
    print(out)
    return BAD if data.problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    try:
        return _command(args)
    except UsageError as error:
        print(f"evaluator: {error}", file=sys.stderr)
        return BAD


if __name__ == "__main__":
    sys.exit(main())
