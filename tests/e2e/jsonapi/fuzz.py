"""Schemathesis against `/openapi.json` of a live `quiz-reports serve` (run by `.ci/run`):
`python -m tests.e2e.jsonapi.fuzz`. Seeds the demo course, issues a teacher token, then fuzzes every
operation twice, in Canvas's classic JSON and with `Accept: application/vnd.api+json`, with a fixed
seed and a bounded number of examples per operation. Fails on any 5xx or any response that breaks
the OpenAPI document (status, content type, headers, schema)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from tests.e2e.server import cli, serving

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)
ACCEPTS = ("application/json", "application/vnd.api+json")
MAX_EXAMPLES = "25"
SEED = "20260110"


def fuzz(base: str, token: str, accept: str) -> int:
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"{base}/openapi.json",
        "--checks",
        CHECKS,
        "--phases",
        "examples,coverage,fuzzing",
        "--mode",
        "positive",
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        SEED,
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--header",
        f"Authorization: Bearer {token}",
        "--header",
        f"Accept: {accept}",
    ]
    print(f"== schemathesis, Accept: {accept}", flush=True)
    return subprocess.run(command, check=False, timeout=600).returncode


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="quiz-reports-fuzz-") as directory:
        data_dir = Path(directory)
        cli(data_dir, "demo")
        token = cli(data_dir, "tokens", "issue", "--user-id", "1", "--course", "1", "--role", "teacher")
        token = token.strip().splitlines()[-1]
        with serving(data_dir) as base:
            results = [fuzz(base, token, accept) for accept in ACCEPTS]
    return max(results)


if __name__ == "__main__":
    sys.exit(main())
