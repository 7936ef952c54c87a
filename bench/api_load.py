"""HTTP load on a real server, next to a bare Starlette endpoint served the same way.

Run: `.venv/bin/python -m bench.api_load [--backend sqlite|postgres] [--seconds 10] [--connections 32]`
(needs `wrk`: `apt-get install wrk`; `postgres` uses QUIZ_REPORTS_TEST_POSTGRES_URL's server and the
local Redis, in a fresh database). It seeds the demo course, generates one report, then runs wrk
against: a report (classic), the same report in JSON:API with `include=file,progress`, the index,
and a progress (each after a warm-up of the same load); and against the baseline app before and
after them: each share is of the two baselines' mean, so that the machine speeding up or slowing down
during the run favours neither side.
Targets: ≥ 50% of the baseline's requests/s and p99 ≤ 50 ms. It prints figures; it does not fail.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2

from tests.backends import backend_env
from tests.e2e.server import free_port

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class Load:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def _milliseconds(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    if match is None:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


WARM_UP_SECONDS = 2


def wrk(name: str, url: str, headers: dict[str, str], seconds: int, connections: int) -> Load:
    """The load of ``seconds`` of wrk against ``url``, after ``WARM_UP_SECONDS`` of the same load whose
    figures are dropped (the first requests fill the server's caches and connection pools)."""
    out = ""
    for duration in (WARM_UP_SECONDS, seconds):
        command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
        for key, value in headers.items():
            command[1:1] = ["-H", f"{key}: {value}"]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _milliseconds(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _milliseconds(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return Load(name, rps, p50, p99, int(errors.group(1)) if errors else 0)


@contextlib.contextmanager
def server(command: list[str], env: dict[str, str], port: int, probe: str) -> Iterator[str]:
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx2.get(base + probe, timeout=1)
                break
            except httpx2.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{command} did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def cli(data_dir: Path, env: dict[str, str], *args: str) -> str:
    command = [sys.executable, "-m", "adapters.cli", *args, "--data-dir", str(data_dir)]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout


def measure(backend: str, seconds: int, connections: int) -> list[Load]:
    import os

    with backend_env(backend) as storage, tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch)
        unlimited = {"QUIZ_REPORTS_RATE_LIMIT_BURST": "1e12", "QUIZ_REPORTS_RATE_LIMIT_PER_SECOND": "1e12"}
        env = {**os.environ, **storage, **unlimited, "QUIZ_REPORTS_WORKER_THREADS": "2"}
        before = baseline(env, "baseline before", seconds, connections)
        token = cli(data_dir, env, "demo").strip().splitlines()[-1]
        auth = {"Authorization": f"Bearer {token}"}
        port = free_port()
        serve = [sys.executable, "-m", "adapters.cli", "serve", "--port", str(port), "--data-dir", str(data_dir)]
        with server(serve, env, port, "/api/v1/progress/0") as base:
            reports = f"{base}/api/v1/courses/1/quizzes/1/reports"
            created = httpx2.post(reports, data={"quiz_report[report_type]": "student_analysis"}, headers=auth).json()
            progress = created["progress_url"]
            while httpx2.get(progress, headers=auth).json()["workflow_state"] != "completed":
                time.sleep(0.1)
            show = f"{reports}/{created['id']}"
            jsonapi = {**auth, "Accept": "application/vnd.api+json"}
            loads = [
                wrk("show (classic)", show, auth, seconds, connections),
                wrk("show (JSON:API, include)", f"{show}?include=file,progress", jsonapi, seconds, connections),
                wrk("index (classic)", reports, auth, seconds, connections),
                wrk("progress (classic)", progress, auth, seconds, connections),
            ]
        after = baseline(env, "baseline after", seconds, connections)
    return [before, *loads, after]


def baseline(env: dict[str, str], name: str, seconds: int, connections: int) -> Load:
    """The bare Starlette endpoint's load, served as the service is (one uvicorn process)."""
    port = free_port()
    bare = [sys.executable, "-m", "uvicorn", "bench.bare_app:app", "--port", str(port), "--log-level", "info"]
    with server(bare, env, port, "/json") as base:
        return wrk(name, f"{base}/json", {}, seconds, connections)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    before, *endpoints, after = measure(args.backend, args.seconds, args.connections)
    mean = (before.requests_per_second + after.requests_per_second) / 2
    print(f"backend {args.backend}, {args.connections} connections, {args.seconds} s each (wrk -t2)")
    print(f"{'endpoint':34} {'req/s':>8} {'of base':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}  verdict")
    _row(before, mean, "")
    for load in endpoints:
        met = load.requests_per_second / mean >= 0.5 and load.p99_ms <= 50 and load.errors == 0
        _row(load, mean, "PASS" if met else "FAIL")
    _row(after, mean, "")


def _row(load: Load, baseline: float, verdict: str) -> None:
    print(
        f"{load.name:34} {load.requests_per_second:8.0f} {load.requests_per_second / baseline:8.0%}"
        f" {load.p50_ms:8.1f} {load.p99_ms:8.1f} {load.errors:8d}  {verdict}"
    )


if __name__ == "__main__":
    main()
