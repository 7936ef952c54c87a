from __future__ import annotations

import csv
import io

import pytest

from domain.reports import Cell, encode_row


def test_row_ends_with_a_single_line_feed() -> None:
    assert encode_row(["a", "b"]) == "a,b\n"


def test_empty_string_is_written_as_two_quotes_and_none_as_nothing() -> None:
    assert encode_row(["", None, "x"]) == '"",,x\n'


@pytest.mark.parametrize(
    ("cell", "field"),
    [
        ("a,b", '"a,b"'),
        ('say "hi"', '"say ""hi"""'),
        ("line\nbreak", '"line\nbreak"'),
        ("carriage\rreturn", '"carriage\rreturn"'),
    ],
)
def test_field_is_quoted_only_for_separator_quote_or_line_break(cell: str, field: str) -> None:
    assert encode_row([cell]) == field + "\n"


@pytest.mark.parametrize("cell", ["plain", "with space", " leading", "semi;colon", "tab\there"])
def test_other_text_is_written_bare(cell: str) -> None:
    assert encode_row([cell], formula_guard=False) == cell + "\n"


def test_numbers_are_written_with_ruby_to_s() -> None:
    assert encode_row([0, 0.0, 1.0e-05, 2, -0.7, True]) == "0,0.0,1.0e-05,2,-0.7,true\n"


def test_formula_guard_prefixes_formula_text() -> None:
    assert encode_row(["=HYPERLINK(1,2)"]) == '"\'=HYPERLINK(1,2)"\n'


def test_formula_guard_can_be_turned_off() -> None:
    assert encode_row(["=1+1", "@x"], formula_guard=False) == "=1+1,@x\n"


def test_formula_guard_never_changes_numeric_cells() -> None:
    assert encode_row([-5, -0.5, -1.0e-05]) == "-5,-0.5,-1.0e-05\n"


def test_formula_guard_leaves_plain_number_text_alone() -> None:
    assert encode_row(["-5", "+3.2"]) == "-5,+3.2\n"


def test_awkward_text_round_trips_through_python_csv_reader() -> None:
    cells: list[Cell] = ['He said "no", then\nleft', "a\r\nb", ",", '"', "plain"]

    line = encode_row(cells, formula_guard=False)

    assert next(csv.reader(io.StringIO(line, newline=""))) == cells
