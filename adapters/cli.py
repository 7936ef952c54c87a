"""The `quiz-reports` command: serve, demo, tokens, processes of production, and the audit commands."""

from __future__ import annotations

import argparse
import logging
import logging.config
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Sequence

import dramatiq

from adapters import audit_cli
from adapters.bootstrap import build_services, init_database
from adapters.demo_data import demo_course
from adapters.logging_config import logging_config
from adapters.process import settle
from adapters.rebuild import read_model_rebuild
from adapters.rebuild_tables import RebuildError
from adapters.settings import Settings
from application.access import Caller, Principal

ASGI_FACTORY = "api.asgi:create_service_app"
_BATCH = 100


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env(data_dir=args.data_dir)
    os.environ["QUIZ_REPORTS_DATA_DIR"] = str(settings.data_dir)
    return settings


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = _settings(args)
    if args.workers > 1 and not settings.is_postgres:
        raise SystemExit("--workers above 1 needs PostgreSQL (QUIZ_REPORTS_DATABASE_URL=postgresql://...)")
    where = "PostgreSQL" if settings.is_postgres else str(settings.data_dir)
    print(f"Serving Quiz Reports from {where} on http://{args.host}:{args.port}", flush=True)
    uvicorn.run(
        ASGI_FACTORY,
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=logging_config(),
        access_log=False,
        timeout_graceful_shutdown=60,
    )
    return 0


def db_init(args: argparse.Namespace) -> int:
    settings = _settings(args)
    init_database(settings)
    print("database ready" + (" (PostgreSQL)" if settings.is_postgres else f" ({settings.data_dir})"))
    return 0


def _until_terminated() -> None:
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()


def projector(args: argparse.Namespace) -> int:
    services = build_services(_settings(args), with_worker=False, with_projector=True)
    if services.projector is None:  # pragma: no cover - with_projector=True always builds one
        return 1
    services.projector.start()
    settle()
    logging.getLogger(__name__).info("projector started; SIGTERM stops it")
    try:
        _until_terminated()
    finally:
        services.stop()
    return 0


def rebuild_read_model(args: argparse.Namespace) -> int:
    """Swap in the read model rebuilt from the event log; with `--verify` only compare it with the live one
    (status 1 when they differ). Status 2 when the rebuild cannot run."""
    try:
        with read_model_rebuild(_settings(args)) as rebuild:
            outcome = rebuild.compare() if args.verify else rebuild.swap()
    except RebuildError as error:
        print(f"rebuild failed: {error}", file=sys.stderr)
        return 2
    print("\n".join(outcome.lines()))
    return outcome.status


def _work(data_dir: str | None, threads: int) -> None:
    services = build_services(Settings.from_env(data_dir=data_dir), with_worker=False, with_projector=False)
    services.start()  # no projector or worker threads: only what hears the read model advance
    services.broker.emit_after("process_boot")
    worker = dramatiq.Worker(services.broker, worker_threads=threads, worker_timeout=100)
    worker.start()
    settle()
    try:
        _until_terminated()
    finally:
        worker.stop()
        services.stop()


def worker(args: argparse.Namespace) -> int:
    """Dramatiq worker processes for a Redis or RabbitMQ broker, restarted when one dies (say, it
    started while the database was down); SIGTERM lets running generations finish."""
    settings = _settings(args)
    if not settings.broker_url:
        raise SystemExit("quiz-reports worker needs QUIZ_REPORTS_BROKER_URL (redis://... or amqp://...)")
    context = multiprocessing.get_context("spawn")
    stopping = threading.Event()

    def spawn(n: int) -> multiprocessing.process.BaseProcess:
        process = context.Process(target=_work, args=(args.data_dir, args.threads), name=f"worker-{n}")
        process.start()
        return process

    processes = [spawn(n) for n in range(args.processes)]

    def stop_all(*_: object) -> None:
        stopping.set()
        for process in processes:
            process.terminate()

    signal.signal(signal.SIGTERM, stop_all)
    signal.signal(signal.SIGINT, stop_all)
    log = logging.getLogger(__name__)
    while not stopping.wait(1.0):
        for n, process in enumerate(processes):
            if not process.is_alive() and not stopping.is_set():
                log.warning("worker process %s exited with %s; starting another", process.name, process.exitcode)
                processes[n] = spawn(n)
    for process in processes:
        process.join()
    return 0


def demo(args: argparse.Namespace) -> int:
    services = build_services(_settings(args), with_worker=False)
    try:
        course = demo_course(students=args.students)
        admin = Caller(principal=Principal(user_id=0, admin=True), request_id="demo-seed")
        data = services.quiz_data
        if services.settings.is_postgres and services.projector is not None:
            services.projector.start()  # the read model must follow this process's writes
        data.put_course(admin, course.course_id, course.name)
        for quiz in course.quizzes:
            data.put_quiz(admin, course.course_id, quiz.quiz_id, quiz.quiz)
            for start in range(0, len(quiz.submissions), _BATCH):
                batch = quiz.submissions[start : start + _BATCH]
                data.put_submissions(admin, course.course_id, quiz.quiz_id, batch)
            print(f"quiz {quiz.quiz_id} {quiz.quiz['title']!r}: {len(quiz.submissions)} submissions")
        token = services.tokens.issue(Principal(user_id=1, course_id=course.course_id, role="teacher"))
    finally:
        services.stop()
    print(f"course {course.course_id} {course.name!r} is ready; a teacher token for it:")
    print(token)
    return 0


def issue_token(args: argparse.Namespace) -> int:
    services = build_services(_settings(args), with_worker=False)
    try:
        if args.course is not None and args.role is None:
            raise SystemExit("--course needs --role teacher|ta|student")
        principal = Principal(
            user_id=args.user_id,
            admin=args.admin,
            integration=args.integration,
            course_id=args.course,
            role=args.role if args.course is not None else None,
        )
        token = services.tokens.issue(principal)
    finally:
        services.stop()
    print(token)
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="quiz-reports", description="Canvas Quiz Reports, event-sourced.")
    commands = root.add_subparsers(dest="command", required=True)

    run = commands.add_parser("serve", help="run the embedded service (SQLite, in-process worker)")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8000)
    run.add_argument("--data-dir")
    run.add_argument("--workers", type=int, default=1, help="API processes (PostgreSQL only)")
    run.set_defaults(handler=serve)

    database = commands.add_parser("db", help="database administration").add_subparsers(dest="action", required=True)
    init = database.add_parser("init", help="create every table (idempotent); run once before starting processes")
    init.add_argument("--data-dir")
    init.set_defaults(handler=db_init)

    work = commands.add_parser("worker", help="run Dramatiq worker processes (needs a broker URL)")
    work.add_argument("--processes", type=int, default=1)
    work.add_argument("--threads", type=int, default=4)
    work.add_argument("--data-dir")
    work.set_defaults(handler=worker)

    project = commands.add_parser("projector", help="run the projections and the generation dispatcher")
    project.add_argument("--data-dir")
    project.set_defaults(handler=projector)

    projections = commands.add_parser("projections", help="maintain the projections")
    rebuild = projections.add_subparsers(dest="action", required=True).add_parser(
        "rebuild", help="rebuild the read model from the event log beside the live one, then swap it in"
    )
    rebuild.add_argument("--verify", action="store_true", help="only compare; status 1 when they differ")
    rebuild.add_argument("--data-dir")
    rebuild.set_defaults(handler=rebuild_read_model)

    seed = commands.add_parser("demo", help="seed a demo course and print a teacher token")
    seed.add_argument("--students", type=int, default=200, help="students in the demo course")
    seed.add_argument("--data-dir")
    seed.set_defaults(handler=demo)

    tokens = commands.add_parser("tokens", help="manage access tokens").add_subparsers(dest="action", required=True)
    issue = tokens.add_parser("issue", help="issue a token; it is printed alone on the last line")
    issue.add_argument("--user-id", type=int, required=True)
    grant = issue.add_mutually_exclusive_group(required=True)
    grant.add_argument("--admin", action="store_true")
    grant.add_argument("--integration", action="store_true")
    grant.add_argument("--course", type=int)
    issue.add_argument("--role", choices=["teacher", "ta", "student"])
    issue.add_argument("--data-dir")
    issue.set_defaults(handler=issue_token)

    audit_cli.add_commands(commands)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    logging.config.dictConfig(logging_config())
    args = parser().parse_args(argv)
    result: int = args.handler(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
