"""A real `quiz-reports serve` process on a free port, for tests that use real HTTP clients."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def cli(data_dir: Path, *args: str) -> str:
    """Run `quiz-reports ARGS --data-dir DATA_DIR`; returns its stdout."""
    done = subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout


@contextmanager
def serving(data_dir: Path, env: dict[str, str] | None = None, extra: Sequence[str] = ()) -> Iterator[str]:
    """Serve from `data_dir` until the block ends; yields the base URL."""
    port = free_port()
    log_path = data_dir / f"server-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "adapters.cli",
                "serve",
                "--port",
                str(port),
                "--data-dir",
                str(data_dir),
                *extra,
            ],
            env={**os.environ, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, log_path)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{log_path.read_text()}")
        try:
            httpx2.get(f"{base}/api/v1/progress/0", timeout=1)
            return
        except httpx2.TransportError:
            time.sleep(0.05)
    raise RuntimeError("server did not start within 30 s")
