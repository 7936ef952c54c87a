"""The rebuild's comparison of two listings of a table, and how its differences are printed."""

from __future__ import annotations

from adapters.rebuild_results import Comparison, Difference, differences
from adapters.rebuild_tables import Table

ATTEMPTS = Table(
    "attempts", ("head", "submission_id", "attempt"), ("submission_id", "attempt"), "submission_id, attempt"
)


def test_identical_listings_have_no_differences() -> None:
    rows = [("a", 1, 1), ("b", 1, 2), ("c", 2, 1)]

    assert list(differences(ATTEMPTS, rows, list(rows))) == []


def test_a_changed_row_is_named_by_its_key_with_both_versions() -> None:
    found = list(differences(ATTEMPTS, [("a", 1, 1), ("b", 1, 2)], [("a", 1, 1), ("B", 1, 2)]))

    assert found == [
        Difference(
            "attempts",
            {"submission_id": 1, "attempt": 2},
            {"head": "b", "submission_id": 1, "attempt": 2},
            {"head": "B", "submission_id": 1, "attempt": 2},
        )
    ]


def test_rows_on_one_side_only_are_found_first_between_and_last() -> None:
    live = [("x", 1, 1), ("a", 2, 1), ("y", 3, 1), ("b", 4, 1), ("z", 5, 1), ("w", 5, 2)]
    rebuilt = [("a", 2, 1), ("n", 2, 2), ("b", 4, 1), ("m", 6, 1)]

    found = [
        (d.key["submission_id"], d.key["attempt"], d.live is None, d.rebuilt is None)
        for d in differences(ATTEMPTS, live, rebuilt)
    ]

    assert found == [
        (1, 1, False, True),
        (2, 2, True, False),
        (3, 1, False, True),
        (5, 1, False, True),
        (5, 2, False, True),
        (6, 1, True, False),
    ]


def test_a_changed_row_prints_only_its_changed_columns_and_cuts_long_values() -> None:
    changed = Difference("reports", {"report_id": 7}, {"a": 1, "b": "x" * 200}, {"a": 1, "b": "y"})

    line = changed.describe()

    assert line == "reports {report_id=7}: b live '" + "x" * 76 + "... rebuilt 'y'"  # 80 characters of the value


def test_a_comparison_prints_the_differences_it_kept_and_counts_the_others() -> None:
    missing = Difference("files", {"file_id": 4}, None, {"file_id": 4})
    comparison = Comparison(position=812, differences=(missing,), total=3)

    assert comparison.lines() == [
        "files {file_id=4}: missing from the live tables; rebuilt {file_id=4}",
        "... and 2 more",
        "3 differences at position 812",
    ]
    assert comparison.status == 1
    assert Comparison(position=812, differences=(), total=0).lines() == ["identical at position 812"]
