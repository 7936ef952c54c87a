"""Several processes of the service on one PostgreSQL database and a broker: API servers,
worker processes and projectors, started and killed as a test needs."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
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


class PrivatePostgres:
    """A PostgreSQL server of this test alone, so the test may stop and start it. Its data lives in
    a directory of its own under the system's temporary directory (the server's user must reach it)."""

    def __init__(self, port: int) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="quiz-reports-pg-"))
        self.port = port
        self.url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not binaries or os.geteuid() != 0:
            raise RuntimeError("a private PostgreSQL needs the server binaries and root (to run them as postgres)")
        self._bin = binaries[-1]

    def _as_postgres(self, *command: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        shutil.chown(self.directory, "postgres", "postgres")
        self._as_postgres(str(self._bin / "initdb"), "-D", str(self.directory), "-A", "trust", "-U", "postgres")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
        log = str(self.directory / "server.log")  # not our pipes: the server outlives pg_ctl
        self._as_postgres(str(self._bin / "pg_ctl"), "-D", str(self.directory), "-l", log, "-o", options, "-w", "start")

    def stop(self) -> None:
        self._as_postgres(str(self._bin / "pg_ctl"), "-D", str(self.directory), "-m", "fast", "-w", "stop")


@contextmanager
def private_postgres(port: int) -> Iterator[PrivatePostgres]:
    server = PrivatePostgres(port)
    try:
        server.init()
        server.start()
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            server.stop()
        shutil.rmtree(server.directory, ignore_errors=True)
