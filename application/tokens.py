"""Access tokens: opaque random strings, stored only as hashes, each bound to one grant."""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections import OrderedDict
from typing import Protocol

from application.access import COURSE_ROLES, Principal


class TokenRepository(Protocol):
    def add(self, token_hash: str, principal: Principal) -> None: ...

    def get(self, token_hash: str) -> Principal | None: ...


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Tokens:
    """Issues and checks tokens. Known tokens are remembered (up to `remembered`), as a token's
    grant never changes; unknown ones are looked up every time, as another process may issue them."""

    def __init__(self, repository: TokenRepository, remembered: int = 10_000) -> None:
        self._repository = repository
        self._known: OrderedDict[str, Principal] = OrderedDict()
        self._remembered = remembered
        self._lock = threading.Lock()

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
        if not token:
            return None
        digest = token_hash(token)
        known = self._recall(digest)
        if known is not None:
            return known
        principal = self._repository.get(digest)
        if principal is not None:
            with self._lock:
                self._known[digest] = principal
                while len(self._known) > self._remembered:
                    self._known.popitem(last=False)
        return principal

    def known(self, token: str) -> Principal | None:
        """`authenticate` for a token authenticated before by this process, without a store (so without
        blocking); None when the token must be looked up."""
        return self._recall(token_hash(token)) if token else None

    def _recall(self, digest: str) -> Principal | None:
        with self._lock:
            known = self._known.get(digest)
            if known is not None:
                self._known.move_to_end(digest)
            return known
