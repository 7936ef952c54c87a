from __future__ import annotations

import pytest

from application.access import Principal
from application.tokens import Tokens, token_hash
from tests.fakes import InMemoryTokenRepository

TEACHER = Principal(user_id=201, course_id=1, role="teacher")


def test_an_issued_token_authenticates_its_principal() -> None:
    tokens = Tokens(InMemoryTokenRepository())

    token = tokens.issue(TEACHER)

    assert tokens.authenticate(token) == TEACHER


def test_only_the_hash_of_a_token_is_stored() -> None:
    repository = InMemoryTokenRepository()

    token = Tokens(repository).issue(TEACHER)

    assert list(repository.principals) == [token_hash(token)]
    assert token not in repository.principals


@pytest.mark.parametrize("token", ["", "not-a-token"])
def test_an_unknown_or_empty_token_authenticates_nobody(token: str) -> None:
    tokens = Tokens(InMemoryTokenRepository())
    tokens.issue(TEACHER)

    assert tokens.authenticate(token) is None


@pytest.mark.parametrize(
    "principal",
    [
        Principal(user_id=1),
        Principal(user_id=1, admin=True, integration=True),
        Principal(user_id=1, integration=True, course_id=1, role="teacher"),
    ],
    ids=["no-grant", "admin-and-integration", "integration-and-course-role"],
)
def test_a_token_carries_exactly_one_grant(principal: Principal) -> None:
    repository = InMemoryTokenRepository()

    with pytest.raises(ValueError, match="exactly one grant"):
        Tokens(repository).issue(principal)

    assert repository.principals == {}


@pytest.mark.parametrize("role", [None, "owner"])
def test_a_course_grant_needs_a_course_role(role: str | None) -> None:
    with pytest.raises(ValueError, match="role must be one of"):
        Tokens(InMemoryTokenRepository()).issue(Principal(user_id=1, course_id=1, role=role))


def test_a_known_token_is_remembered_and_the_oldest_forgotten_first() -> None:
    repository = InMemoryTokenRepository()
    tokens = Tokens(repository, remembered=1)
    first, second = tokens.issue(TEACHER), tokens.issue(TEACHER)
    tokens.authenticate(first)
    tokens.authenticate(second)
    repository.principals.clear()

    assert tokens.authenticate(second) == TEACHER
    assert tokens.authenticate(first) is None


def test_a_token_issued_elsewhere_is_found_after_a_miss() -> None:
    repository = InMemoryTokenRepository()
    tokens = Tokens(repository)
    assert tokens.authenticate("later") is None

    repository.add(token_hash("later"), TEACHER)

    assert tokens.authenticate("later") == TEACHER


def test_known_answers_only_for_a_token_this_process_authenticated() -> None:
    tokens = Tokens(InMemoryTokenRepository())
    token = tokens.issue(TEACHER)
    unknown_before = tokens.known(token)

    tokens.authenticate(token)

    assert unknown_before is None
    assert tokens.known(token) == TEACHER
    assert tokens.known("") is None
