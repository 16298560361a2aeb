"""Row writers for CSV (optionally with a BOM for Excel), XLSX, a JSON array and JSON lines.

CSV never carries raw control characters (an ESC sequence pasted into a call would otherwise
recolour or clear the terminal of whoever `cat`s the file): each batch of rows is formatted,
then every C0 control but tab, newline and CR, DEL and every C1 control is replaced by a
visible stand-in (ESC -> ␛; see export.cells for the choice). Those characters never need CSV
quoting, so replacing them after formatting cannot change the file's structure. XLSX text
cells get the same stand-ins (xlsxwriter's own _x001B_ escape is turned back into ESC by
Excel); JSON escapes them itself (\u001b). CSV cells that would start a formula are
neutralised before rows reach a writer (store.export), so a stand-in never hides a formula;
XLSX cells are written as text, never as formulas, and need no such apostrophe.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, Protocol

from desk.export.cells import csv_bytes, text_cell, visible_controls

FORMATS = ("csv", "xlsx", "json", "jsonl")
XLSX_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


class RowWriter(Protocol):
    """Takes rows (lists of cell values in column order) and finishes the file."""

    def write_rows(self, rows: Sequence[Sequence[Any]]) -> None: ...

    def close(self) -> None: ...


class CsvWriter:
    """CSV, UTF-8; with a byte-order mark when Excel is to open it; control characters shown."""

    def __init__(self, path: Path, headers: Sequence[str], *, bom: bool = False) -> None:
        self.handle: IO[bytes] = path.open("wb", buffering=1 << 20)
        if bom:
            self.handle.write(codecs.BOM_UTF8)
        self.batch = io.StringIO()
        self.writer = csv.writer(self.batch)
        self.write_rows([headers])

    def write_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        self.writer.writerows(rows)
        text = self.batch.getvalue()
        self.batch.seek(0)
        self.batch.truncate()
        self.handle.write(csv_bytes(text))

    def close(self) -> None:
        self.handle.close()


class XlsxWriter:
    """XLSX in constant memory: bold frozen header row, filters, column widths.

    Rows go straight to xlsxwriter's typed cell writers: a str, int or float value is written
    by its own method, and empty cells are skipped (a blank cell without a format is not
    written anyway). This is what `write_row` ends up doing, without asking each of a million
    cells in turn whether it is a formula, a URL or a number in disguise (all turned off).
    """

    def __init__(
        self, path: Path, headers: Sequence[str], widths: Sequence[int], sheet: str
    ) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(str(path), XLSX_OPTIONS)
        self.sheet = self.book.add_worksheet(sheet[:31])
        bold = self.book.add_format({"bold": True})
        self.widths = list(widths)
        self.sheet.freeze_panes(1, 0)
        self.sheet.write_row(0, 0, [text_cell(h) for h in headers], bold)
        self.columns = len(headers)
        self.row = 1
        self.typed = typed_writers(self.sheet)

    def write_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        row = self.row
        if self.typed is None:
            write_row = self.sheet.write_row
            for values in rows:
                write_row(row, 0, [text_cell(v) if isinstance(v, str) else v for v in values])
                row += 1
            self.row = row
            return
        handlers, generic = self.typed, self.sheet.write
        get = handlers.get
        for values in rows:
            col = 0
            for value in values:
                if value is not None and value != "":
                    (get(value.__class__) or generic)(row, col, value)
                col += 1
            row += 1
        self.row = row

    def close(self) -> None:
        # Widths are set last: xlsxwriter writes them when the sheet is closed, and set
        # earlier they would be looked up again for every cell written.
        for index, width in enumerate(self.widths):
            self.sheet.set_column(index, index, width)
        self.sheet.autofilter(0, 0, max(self.row - 1, 0), max(self.columns - 1, 0))
        self.book.close()


def typed_writers(sheet: Any) -> dict[type, Any] | None:
    """xlsxwriter's own string and number cell writers (as `write` picks them; text with its
    control characters shown), or None if this xlsxwriter lacks them or would turn strings
    into formulas, URLs or numbers."""
    string, number = getattr(sheet, "_write_string", None), getattr(sheet, "_write_number", None)
    converts = sheet.strings_to_formulas or sheet.strings_to_urls or sheet.strings_to_numbers
    if string is None or number is None or converts or sheet.write_handlers:
        return None

    def write_text(row: int, col: int, value: str) -> Any:
        """Write a text cell with its control characters shown (see export.cells)."""
        return string(row, col, value if value.isprintable() else visible_controls(value))

    return {str: write_text, int: number, float: number}


class JsonWriter:
    """One JSON array of objects keyed by column key; or one object per line (JSON lines)."""

    def __init__(self, path: Path, keys: Sequence[str], *, lines: bool) -> None:
        self.handle: IO[str] = path.open("w", encoding="utf-8", buffering=1 << 20)
        self.keys = list(keys)
        self.lines = lines
        self.first = True
        if not lines:
            self.handle.write("[")

    def write_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        # One small write per record: joining a batch into one big string made glibc keep
        # growing the heap (peak memory rose with the number of rows).
        keys, dumps, write = self.keys, json.dumps, self.handle.write
        separator = "\n" if self.lines else ",\n"
        for values in rows:
            if self.lines:
                write(dumps(dict(zip(keys, values, strict=True)), ensure_ascii=False))
                write("\n")
                continue
            write("\n" if self.first else separator)
            self.first = False
            write(dumps(dict(zip(keys, values, strict=True)), ensure_ascii=False))

    def close(self) -> None:
        if not self.lines:
            self.handle.write("\n]\n")
        self.handle.close()


def open_writer(
    fmt: str,
    path: Path,
    *,
    keys: Sequence[str],
    headers: Sequence[str],
    widths: Sequence[int],
    sheet: str,
    bom: bool = False,
) -> RowWriter:
    """A writer of one format onto a (temporary) path."""
    if fmt == "csv":
        return CsvWriter(path, headers, bom=bom)
    if fmt == "xlsx":
        return XlsxWriter(path, headers, widths, sheet)
    if fmt in ("json", "jsonl"):
        return JsonWriter(path, keys, lines=fmt == "jsonl")
    raise ValueError(fmt)
