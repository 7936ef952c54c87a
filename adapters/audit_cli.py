"""Operators' audit commands: `quiz-reports verify [--report ID] [--json]` checks the hash chains of the
event log, `quiz-reports audit REPORT_ID [--json]` prints a report's timeline."""

from __future__ import annotations

import argparse
import getpass
import json
from collections.abc import Callable
from typing import Any

from adapters.bootstrap import Services, build_services
from adapters.settings import Settings
from application.chain_check import ChainReport, verify_aggregate, verify_log
from application.errors import NotFound
from domain import ids

NOT_FOUND_STATUS = 2


def add_commands(commands: Any) -> None:
    """Register `verify` and `audit` on the `quiz-reports` sub-command parsers."""
    check = commands.add_parser(
        "verify", help="check the hash chain of every event (or one report's); print the heads to keep elsewhere"
    )
    check.add_argument("--report", type=int, help="only this report's events")
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.add_argument("--data-dir")
    check.set_defaults(handler=verify)

    timeline = commands.add_parser("audit", help="print a report's timeline: every event with its cause and data")
    timeline.add_argument("report_id", type=int)
    timeline.add_argument("--json", action="store_true", help="print the events as JSON")
    timeline.add_argument("--data-dir")
    timeline.set_defaults(handler=audit)


def verify(args: argparse.Namespace) -> int:
    """Exit status 0 when every chain is intact, 1 when an event was modified, deleted or moved, 2 when the
    report asked for has no events."""

    def run(services: Services) -> int:
        if args.report is None:
            result = verify_log(services.log)
        else:
            result = verify_aggregate(services.log, ids.report_id(args.report))
            if not result.events:
                print(f"report {args.report} has no events")
                return NOT_FOUND_STATUS
        print(json.dumps(_report_json(result), indent=2) if args.json else _report_text(result, args.report is None))
        return 0 if result.intact else 1

    return _with_services(args, run)


def audit(args: argparse.Namespace) -> int:
    def run(services: Services) -> int:
        try:
            entries = services.audit.timeline(args.report_id, f"operator:{_operator()}")
        except NotFound:
            print(f"report {args.report_id} has no events")
            return NOT_FOUND_STATUS
        if args.json:
            print(json.dumps([entry.to_json(with_subject=False) for entry in entries], indent=2, default=str))
            return 0
        for entry in entries:
            body = entry.to_json(with_subject=False)
            data = " ".join(f"{name}={value!r}" for name, value in entry.data.items())
            print(
                f"v{entry.version:<3} {body['occurred_at']}  {entry.type:<16} actor {entry.actor:<8}"
                f" request {entry.request_id}  {data}".rstrip()
            )
        print(f"head {entries[-1].chain_hash}")
        return 0

    return _with_services(args, run)


def _with_services(args: argparse.Namespace, run: Callable[[Services], int]) -> int:
    services = build_services(Settings.from_env(data_dir=args.data_dir), with_worker=False, with_projector=False)
    try:
        return run(services)
    finally:
        services.stop()


def _operator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in this environment
        return "unknown"


def _report_json(result: ChainReport) -> dict[str, Any]:
    return {
        "intact": result.intact,
        "events": result.events,
        "problems": [
            {
                "aggregate_id": str(problem.aggregate_id),
                "subject": problem.subject,
                "version": problem.version,
                "kind": problem.kind,
                "detail": problem.detail,
            }
            for problem in result.problems
        ],
        "heads": [
            {
                "aggregate_id": str(head.aggregate_id),
                "subject": head.subject,
                "version": head.version,
                "chain_hash": head.chain_hash,
            }
            for head in result.heads
        ],
        "digest": result.digest,
    }


def _report_text(result: ChainReport, whole_log: bool) -> str:
    lines = [f"checked {result.events} events in {len(result.heads)} chains: {'intact' if result.intact else 'BROKEN'}"]
    lines += [
        f"{problem.kind.upper()} {problem.subject} version {problem.version}: {problem.detail}"
        for problem in result.problems
    ]
    reports = [head for head in result.heads if head.subject.startswith("QuizReport")]
    lines.append("report heads (keep them elsewhere; --json lists every chain's head):" if whole_log else "head:")
    lines += [f"  {head.subject} v{head.version} {head.chain_hash}" for head in reports]
    lines.append(f"digest of all heads: {result.digest}")
    return "\n".join(lines)
