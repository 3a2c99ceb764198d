"""Reading a case import file: UTF-8 CSV, streamed a row at a time, with the file's own problems
(too big, empty, not UTF-8, not CSV, columns missing or unknown) said in the user's words."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO

from casework.imports.columns import COLUMNS_BY_NAME, REQUIRED

if TYPE_CHECKING:
    from hashlib import _Hash as Hash

SAVE_AS_UTF8 = "save it from your spreadsheet as “CSV UTF-8 (comma delimited)” and upload it again"


class BadFile(ValueError):
    """The file as a whole cannot be read; nothing in it was checked further."""


def size_in_words(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def rows(binary: BinaryIO, size: int, max_bytes: int, digest: Hash | None = None) -> Iterator[tuple[int, dict[str, str], int]]:
    """Each data row as its row number in a spreadsheet (the header row is 1), its cells by column,
    and how many cells it has beyond the named columns (a problem for the caller to report).
    `digest` is given every byte read, so a caller can tell one reading of the file from another."""
    if size == 0:
        raise BadFile("The file is empty")
    if size > max_bytes:
        raise BadFile(
            f"The file must be smaller than {size_in_words(max_bytes)} (it is {size_in_words(size)}): split it into smaller files"
        )
    binary.seek(0)
    lines = _decoded(binary, digest)
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise BadFile("The file is empty: its first row must name the columns")
        names = _check_header(header)
        for row_number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # a blank line, as spreadsheets leave at the end
            extra = len(cells) - len(names)
            cells = cells[: len(names)] + [""] * -extra  # a short row's missing cells are empty
            yield row_number, dict(zip(names, cells, strict=True)), max(extra, 0)
    except UnicodeDecodeError:
        raise BadFile(
            f"The file is not UTF-8 text (the first problem is on line {reader.line_num + 1}): {SAVE_AS_UTF8}"
        ) from None
    except csv.Error as error:
        raise BadFile(f"Line {reader.line_num} is not valid CSV ({_csv_problem(error)}): {_NOT_CSV}") from None


def _decoded(binary: BinaryIO, digest: Hash | None) -> Iterator[str]:
    """The file's lines as text, each decoded alone, so a bad byte is placed on its line. A NUL byte
    is never in a spreadsheet's CSV (and no database keeps one in text): it is not a CSV file."""
    for number, line in enumerate(binary, start=1):
        if digest is not None:
            digest.update(line)
        if b"\x00" in line:
            raise BadFile(f"Line {number} holds a NUL byte: {_NOT_CSV}")
        yield line.decode("utf-8-sig" if number == 1 else "utf-8")


_NOT_CSV = "check it is a CSV file saved from a spreadsheet"


def _check_header(header: list[str]) -> list[str]:
    names = [cell.strip().lower() for cell in header]
    unknown = [name for name in names if name not in COLUMNS_BY_NAME]
    if unknown:
        shown = ", ".join(f"“{name[:40]}”" for name in unknown[:5]) + (
            f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        )
        raise BadFile(f"The first row names columns we do not import: {shown}. Check each name against the list of columns")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise BadFile(f"The first row names {', '.join(repeated)} more than once")
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise BadFile(f"The file is missing the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    return names


def _csv_problem(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return "a cell is far too long"
    if "new-line character" in text:
        return "its lines end in a way we cannot read"
    return text
