"""docs/import.md lists the columns the importer reads, from their one declaration."""

from pathlib import Path

from casework.imports.columns import columns_table

DOCS = Path(__file__).resolve().parents[2] / "docs" / "import.md"


def test_the_documented_columns_are_the_columns_the_importer_reads():
    assert columns_table() in DOCS.read_text(), (
        "docs/import.md is out of date: replace its table of columns with casework.imports.columns.columns_table()"
    )
