"""Text that goes into an exported spreadsheet can never run as a formula there.

Excel, LibreOffice and Google Sheets treat a cell that starts with = + - @ (and,
in some versions, one that starts with a tab or a carriage return before one of
those) as a formula, so a name such as `=HYPERLINK(...)` typed by anyone could
run on the secretariat's computer when a CSV or XLSX export is opened. Every
export path writes its cells through `spreadsheet_text`, which puts a
quote in front of such a value, the mark spreadsheets themselves use for
"this is text". Imports take the mark off again with `spreadsheet_text_unmarked`,
so that an export imported back changes nothing.

This rule lives here and nowhere else; XLSX writers also store the cells as
strings (`data_type = "s"`), never as formulas.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def spreadsheet_text(value) -> str:
    """The value as the text of an exported cell: with a leading ' if it could run."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return TEXT_MARK + text
    return text


def spreadsheet_text_unmarked(text: str) -> str:
    """An imported cell without the ' that `spreadsheet_text` put in front of it."""
    if text.startswith(TEXT_MARK) and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text
