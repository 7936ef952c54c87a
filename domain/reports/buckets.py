"""Top, middle and bottom groups of respondents by total score (canvas-facts §13, Buckets)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from domain.reports.simple_stats import round_half_away_from_zero

Bucket = Literal["top", "middle", "bottom"]

DEFAULT_CUTOFFS: tuple[tuple[Bucket, float], ...] = (("top", 0.73), ("middle", 0.27), ("bottom", 0.0))


def assign_buckets(
    scores: Sequence[float], cutoffs: Sequence[tuple[Bucket, float]] = DEFAULT_CUTOFFS
) -> list[Bucket | None]:
    """Return the bucket of each respondent, indexed as ``scores``.

    Respondents are ranked by score; each bucket, from the highest cutoff down, starts at the rounded
    cutoff rank, moved down past every respondent tied with the score there, so ties go to the
    higher bucket. A respondent is left without a bucket only if the cutoffs do not reach zero.
    """
    ranked = sorted(range(len(scores)), key=lambda respondent: scores[respondent])
    ranked_scores = [scores[respondent] for respondent in ranked]
    buckets: list[Bucket | None] = [None] * len(scores)
    previous = len(scores)
    for bucket, cutoff in cutoffs:
        floor = round_half_away_from_zero(cutoff * len(scores))
        if floor < len(scores):
            floor_score = ranked_scores[floor]
            while floor > 0 and ranked_scores[floor - 1] == floor_score:
                floor -= 1
        for respondent in ranked[floor:previous]:
            buckets[respondent] = bucket
        previous = min(previous, floor)
    return buckets
