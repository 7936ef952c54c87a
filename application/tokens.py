"""Access tokens: opaque random strings, stored only as hashes, each bound to one grant."""

from __future__ import annotations

import hashlib
import secrets
from typing import Protocol

from application.access import COURSE_ROLES, Principal


class TokenRepository(Protocol):
    def add(self, token_hash: str, principal: Principal) -> None: ...

    def get(self, token_hash: str) -> Principal | None: ...


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Tokens:
    def __init__(self, repository: TokenRepository) -> None:
        self._repository = repository

    def issue(self, principal: Principal) -> str:
        """A new token for `principal`; the token itself is returned once and never stored."""
        grants = [principal.admin, principal.integration, principal.course_id is not None]
        if sum(grants) != 1:
            raise ValueError("a token carries exactly one grant: admin, integration or a course role")
        if principal.course_id is not None and principal.role not in COURSE_ROLES:
            raise ValueError(f"role must be one of {', '.join(sorted(COURSE_ROLES))}")
        token = secrets.token_urlsafe(32)
        self._repository.add(token_hash(token), principal)
        return token

    def authenticate(self, token: str) -> Principal | None:
        return self._repository.get(token_hash(token)) if token else None
