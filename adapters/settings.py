"""Configuration, read once from the environment (SPEC §2)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")


def _default_threads(env: Mapping[str, str]) -> int:
    """Worker threads in the API process: by default only with the in-process broker."""
    return 0 if env.get("QUIZ_REPORTS_BROKER_URL") else 2


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str | None
    broker_url: str | None
    csv_formula_guard: bool
    worker_threads: int
    in_process_projector: bool
    queue_name: str
    generation_lease_seconds: float
    generation_retries: int
    rate_limit_burst: float
    rate_limit_per_second: float

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, data_dir: str | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            data_dir=Path(data_dir or env.get("QUIZ_REPORTS_DATA_DIR") or "./var").resolve(),
            database_url=env.get("QUIZ_REPORTS_DATABASE_URL") or None,
            broker_url=env.get("QUIZ_REPORTS_BROKER_URL") or None,
            csv_formula_guard=_flag(env.get("QUIZ_REPORTS_CSV_FORMULA_GUARD"), True),
            worker_threads=int(env.get("QUIZ_REPORTS_WORKER_THREADS") or _default_threads(env)),
            in_process_projector=(env.get("QUIZ_REPORTS_PROJECTOR") or "in-process") != "external",
            queue_name=env.get("QUIZ_REPORTS_QUEUE") or "quiz_reports",
            generation_lease_seconds=float(env.get("QUIZ_REPORTS_GENERATION_LEASE_SECONDS") or 300),
            generation_retries=int(env.get("QUIZ_REPORTS_GENERATION_RETRIES") or 2),
            rate_limit_burst=float(env.get("QUIZ_REPORTS_RATE_LIMIT_BURST") or 700),
            rate_limit_per_second=float(env.get("QUIZ_REPORTS_RATE_LIMIT_PER_SECOND") or 100),
        )

    @property
    def is_postgres(self) -> bool:
        return (self.database_url or "").startswith(("postgresql://", "postgres://"))

    @property
    def sqlite_path(self) -> Path:
        """The event store file: `QUIZ_REPORTS_DATABASE_URL=sqlite:///path`, or under the data dir."""
        url = self.database_url
        if url is None:
            return self.data_dir / "events.sqlite3"
        if not url.startswith("sqlite:///"):
            raise ValueError(f"unsupported QUIZ_REPORTS_DATABASE_URL {url!r}: expected sqlite:/// or postgresql://")
        return Path(url.removeprefix("sqlite:///")).resolve()
