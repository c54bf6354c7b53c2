import pytest

from common.spreadsheet_cells import spreadsheet_text, spreadsheet_text_unmarked


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x.example","click")', '\'=HYPERLINK("http://x.example","click")'),
        ("+1+1", "'+1+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Ana Silva", "Ana Silva"),
        ("O'Brien", "O'Brien"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (3, "3"),
    ],
)
def test_a_value_that_could_run_gets_a_leading_quote(value, written):
    assert spreadsheet_text(value) == written


@pytest.mark.parametrize("value", ["=1+1", "\t=1+1", "-2", "'plain", "'", "O'Brien", "Ana"])
def test_the_mark_comes_off_on_import_so_a_round_trip_changes_nothing(value):
    assert spreadsheet_text_unmarked(spreadsheet_text(value)) == value
