from __future__ import annotations

from collections import Counter

from domain.reports.buckets import Bucket, assign_buckets


def sizes(buckets: list[Bucket | None]) -> tuple[int, int, int]:
    counts = Counter(buckets)
    return (counts["top"], counts["middle"], counts["bottom"])


def test_single_respondent_is_in_the_middle() -> None:
    assert assign_buckets([5]) == ["middle"]


def test_no_respondents_have_no_buckets() -> None:
    assert assign_buckets([]) == []


def test_buckets_are_indexed_like_the_scores_not_by_rank() -> None:
    assert assign_buckets([0, 3, 3, 1]) == ["bottom", "top", "top", "middle"]


def test_cutoff_rank_rounds_half_away_from_zero() -> None:
    # 0.73 * 50 = 36.5 rounds to 37 here, where Python's round() would give 36.
    assert sizes(assign_buckets(list(range(50)))) == (13, 23, 14)


def test_ties_at_a_cutoff_all_move_up() -> None:
    assert sizes(assign_buckets([0, 1, 1, 1])) == (3, 0, 1)
