"""Several processes of the service on one PostgreSQL database and a broker: API servers,
worker processes and projectors, started and killed as a test needs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx2
import redis

from tests.e2e.server import free_port


class Cluster:
    def __init__(self, env: dict[str, str], data_dir: Path) -> None:
        self.env = {**os.environ, **env}
        self.data_dir = data_dir
        self._processes: list[subprocess.Popen[bytes]] = []

    def cli(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "adapters.cli", *args, "--data-dir", str(self.data_dir)],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            raise RuntimeError(f"quiz-reports {' '.join(args)} failed:\n{done.stderr}")
        return done.stdout

    def start(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        """Start `quiz-reports ARGS` in a process group of its own (so a test can kill it whole)."""
        log = (self.data_dir / f"{args[0]}-{len(self._processes)}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "adapters.cli", *args, "--data-dir", str(self.data_dir)],
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self._processes.append(process)
        return process

    def serve(self, workers: int = 1, env: dict[str, str] | None = None) -> str:
        port = free_port()
        process = self.start("serve", "--port", str(port), "--workers", str(workers), env=env)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {self.logs()}")
            try:
                httpx2.get(f"{base}/api/v1/progress/0", timeout=1)
                return base
            except httpx2.TransportError:
                time.sleep(0.05)
        raise RuntimeError(f"server did not start: {self.logs()}")

    def logs(self) -> str:
        return "\n".join(f"== {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in self.data_dir.glob("*.log"))

    def stop_all(self) -> None:
        for process in self._processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self._processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def cluster(env: dict[str, str], data_dir: Path) -> Iterator[Cluster]:
    running = Cluster(env, data_dir)
    try:
        yield running
    finally:
        running.stop_all()


@contextmanager
def private_redis(port: int) -> Iterator[subprocess.Popen[bytes]]:
    """A Redis server of this test alone (so a test may stop it), keeping nothing on disk."""
    process = start_redis(port)
    try:
        yield process
    finally:
        stop(process)


def start_redis(port: int) -> subprocess.Popen[bytes]:
    command: Sequence[str] = [
        "redis-server",
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            redis.Redis(port=port, socket_connect_timeout=0.2).ping()
            return process
        except redis.RedisError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=10)
