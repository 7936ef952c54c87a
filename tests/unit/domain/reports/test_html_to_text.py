from __future__ import annotations

from domain.reports.html_text import html_to_text


def test_tags_are_dropped_and_entities_decoded() -> None:
    assert html_to_text("<em>zero</em> &amp; &lt;one&gt;") == "zero & <one>"


def test_escaped_sql_in_an_essay_reads_as_written() -> None:
    html = "&lt;&gt; &lt; &gt; WHERE rental_duration &gt;= 6 AND rating &lt;&gt; 'R' 1 &lt; 3 &gt; 2"

    assert html_to_text(html) == "<> < > WHERE rental_duration >= 6 AND rating <> 'R' 1 < 3 > 2"


def test_whitespace_runs_collapse_to_one_space() -> None:
    assert html_to_text("a  \n\t b") == "a b"


def test_block_elements_are_separated_by_a_blank_line() -> None:
    assert html_to_text("<p>first</p>  <div>second</div>") == "first\n\nsecond"


def test_line_break_becomes_a_newline() -> None:
    assert html_to_text("one<br>two") == "one\ntwo"


def test_list_items_start_with_a_star() -> None:
    assert html_to_text("<ul><li>a</li><li>b</li></ul>") == "* a\n* b"


def test_link_shows_its_text_and_target() -> None:
    assert html_to_text('see <a href="http://x.test/">the docs</a>') == "see [the docs] (http://x.test/)"


def test_link_whose_text_is_its_target_shows_once() -> None:
    assert html_to_text('<a href="http://x.test/">http://x.test/</a>') == "http://x.test/"


def test_image_shows_its_alt_text_and_source() -> None:
    assert html_to_text('<img alt="cat" src="/cat.png">') == "[cat] (/cat.png)"


def test_script_content_is_not_text() -> None:
    assert html_to_text("a<script>alert(1)</script>b") == "ab"


def test_result_is_trimmed() -> None:
    assert html_to_text("  <p> padded </p>  ") == "padded"


def test_escaped_separators_pass_through() -> None:
    assert html_to_text("x=>4.3,a\\,b") == "x=>4.3,a\\,b"


def test_none_becomes_empty_text() -> None:
    assert html_to_text(None) == ""
