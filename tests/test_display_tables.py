"""Tables as readers see them: labels, percent with n, intervals, small-n marks, long tables cut
with a sentence and a CSV the report command writes beside the page, and stable bytes."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest
from test_report_pipeline import _notebook, report

from analysis.reports import display, outlet_themes
from analysis.reports.display import MARK, SMALL_N, TABLE_MIME, show


def cells(table: display.Table) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", table.html)


def headers(table: display.Table) -> list[str]:
    return re.findall(r"<th(?: [^>]*)?>(.*?)</th>", table.html)


def test_shares_in_percent_with_n_beside_and_a_small_n_mark():
    frame = pd.DataFrame({"outlet": ["Big", "Tiny"], "n_attributions": [31, 2], "anonymous_share": [41.94, 50.0]})
    table = show(frame, n={"anonymous_share": "n_attributions"})
    assert cells(table) == ["Big", "31", "42% (n=31)", "Tiny", "2", f"50% (n=2){MARK}"]
    assert f"fewer than {SMALL_N['attributions']} attributions" in table.html
    assert headers(table) == ["Outlet", "Attributions", "Anonymous sources (% of attributions)"]


def test_no_small_n_note_when_nothing_is_small():
    frame = pd.DataFrame({"outlet": ["Big"], "n_documents": [12], "hedges_per_1000": [3.25]})
    table = show(frame)
    assert MARK not in table.html and "Small n" not in table.html
    assert cells(table) == ["Big", "12", "3.2"]


def test_intervals_join_their_value_and_a_missing_interval_leaves_the_value_alone():
    frame = pd.DataFrame(
        {
            "outlet": ["A", "B"],
            "n_documents": [5, 1],
            "hedges_per_1000": [12.34, 9.0],
            "hedges_per_1000_ci_low": [8.06, None],
            "hedges_per_1000_ci_high": [16.0, None],
        }
    )
    table = show(frame)
    assert cells(table) == ["A", "5", "12.3 (8.1-16.0)", "B", f"1{MARK}", "9.0"]
    assert "95% interval" not in table.html.split("</thead>")[0]  # no separate interval columns


def test_share_with_interval_and_fractions_in_percent():
    frame = pd.DataFrame({"share_vague": [12.5], "share_vague_ci_low": [3.0], "share_vague_ci_high": [30.2]})
    assert cells(show(frame)) == ["12% (3-30)"]
    assert cells(show(pd.DataFrame({"share_removed": [0.168]}))) == ["17%"]


def test_codes_show_by_label_and_text_is_escaped():
    frame = pd.DataFrame({"source_type": ["anonymous_official"], "text": ["<b>said</b>"]})
    assert cells(show(frame, codes=["source_type"])) == ["Anonymous official", "&lt;b&gt;said&lt;/b&gt;"]


def test_an_empty_frame_is_a_sentence():
    assert show(pd.DataFrame(columns=["outlet"]), empty="No input was rejected.").html == (
        '<p class="nh-note"><em>No input was rejected.</em></p>'
    )


def test_long_tables_say_what_they_show_and_carry_the_full_table():
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(7)], "n_words": range(7)})
    table = show(frame, "words", limit=5)
    assert len(cells(table)) == 10
    assert 'Showing the first 5 of 7 rows. The full table: <a href="tables/words.csv">words.csv</a>' in table.html
    payload = table._repr_mimebundle_()[TABLE_MIME]
    assert payload["name"] == "words" and len(payload["rows"]) == 7 and payload["columns"] == ["doc_id", "n_words"]
    assert TABLE_MIME not in show(frame, "words")._repr_mimebundle_()  # shown whole: nothing to ship


def test_columns_left_out_are_said_too_and_a_cut_table_needs_a_name():
    frame = pd.DataFrame({"doc_id": ["d1"], "n_words": [5], "n_hedges": [1]})
    assert "Showing 2 of 3 columns" in show(frame, "docs", columns=["doc_id", "n_words"]).html
    with pytest.raises(ValueError, match="file name"):
        show(frame, columns=["doc_id"])


def test_same_inputs_same_bytes():
    frame = pd.DataFrame({"outlet": ["A", "B"], "n_attributions": [3, 40], "anonymous_share": [33.3, 10.0]})
    first = show(frame, "x", n={"anonymous_share": "n_attributions"}, limit=1)
    again = show(frame.copy(), "x", n={"anonymous_share": "n_attributions"}, limit=1)
    assert first.html == again.html and first.payload == again.payload


def test_theme_tables_put_outlets_in_rows(bundled_analysis):
    tables = outlet_themes.theme_tables(bundled_analysis, highlight="DayDayNews")
    assert any(t.startswith("Who is cited") for t in tables) and any(t.startswith("How sure") for t in tables)
    assert any(t.startswith("The accused side") for t in tables)  # the bundled story names the sides
    outlets = sorted(bundled_analysis.documents["outlet"].astype(str).unique())
    for table in tables.values():
        body = table.html.split("<tbody>")[1]
        assert body.count("<tr>") == len(outlets)
        assert "▶ DayDayNews" in body and "_" not in table.html.split("</thead>")[0]


def test_the_side_theme_is_a_note_when_sides_are_unknown(bundled_analysis, monkeypatch):
    monkeypatch.setattr(outlet_themes, "sides_status", lambda analysis: "unknown")
    tables = outlet_themes.theme_tables(bundled_analysis, themes=["The accused side"])
    (only,) = tables.values()
    assert isinstance(only, str) and "figures by side are left out" in only


LONG = (
    "import pandas as pd\nfrom analysis.reports.display import show\n"
    "show(pd.DataFrame({'outlet': ['=cmd()'] + [f'o{i}' for i in range(59)], 'n_documents': range(60)}), 'outlets')"
)
SUMMARY = (
    "from analysis.reports.data import publish_summary\n"
    "publish_summary('t', pd.DataFrame({'value': [value]}), {'run_id': 'x'})"
)


def test_report_command_writes_the_full_csv_beside_the_page(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    _notebook(folder / "long.ipynb", [LONG, SUMMARY])
    (folder / "r.yaml").write_text("reports:\n  - notebook: long.ipynb\n    title: Long\n")
    result = report("--registry", folder / "r.yaml", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    (page_dir,) = (tmp_path / "out" / "runs").glob("*/long")
    page = (page_dir / "report.html").read_text()
    assert 'href="tables/outlets.csv"' in page and "Showing the first 50 of 60 rows" in page
    assert TABLE_MIME not in page and "o58" not in page and "o48" in page
    rows = list(csv.reader(io.StringIO((page_dir / "tables" / "outlets.csv").read_text())))
    assert rows[0] == ["outlet", "n_documents"] and len(rows) == 61
    assert rows[1][0] == "'=cmd()"  # a formula is neutralised, as in every CSV the tool writes
    assert rows[60] == ["o58", "59"]


def test_a_small_share_never_reads_as_zero():
    assert cells(show(pd.DataFrame({"anonymous_share": [0.4, 0.0, 99.6]}))) == ["0.4%", "0%", "100%"]


def test_text_to_the_left_numbers_to_the_right():
    table = show(pd.DataFrame({"outlet": ["A"], "n_documents": [4], "anonymous_share": [12.0]}))
    aligns = re.findall(r"<td style='text-align:(\w+)'>", table.html)
    assert aligns == ["left", "right", "right"]
