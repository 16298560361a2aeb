"""Read the rows of a spreadsheet's active sheet as text, fast.

The shared strings and the sheet are read with one streaming XML pass each, several times
faster than openpyxl's cell objects (which build an object per string and per cell). Dates
are numbers in XLSX; the caller names the columns that hold dates and gets ISO text there.
A workbook laid out unexpectedly is read with openpyxl in read-only mode instead. A file that
cannot be read at all, or breaks off midway, is refused with one ValidationError.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Collection, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from desk.i18n import _
from desk.store.errors import ValidationError

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_EXCEL_EPOCH = date(1899, 12, 30)
BROKEN = (ParseError, zipfile.BadZipFile, zlib.error, EOFError, OSError, IndexError, ValueError)
"""What a damaged sheet raises midway: bad XML, a bad zip entry, a string it does not have."""


def unreadable(reason: object) -> ValidationError:
    """The one error a workbook that cannot be read gives, with the reader's reason (in the
    user's words when the file is not a workbook at all: the readers say it in English)."""
    if isinstance(reason, zipfile.BadZipFile):
        return ValidationError(
            _(
                "This file is not an XLSX workbook, though its name ends so: save it from Excel "
                "or WPS as .xlsx (or .csv) and import that file."
            ),
            field="file",
        )
    return ValidationError(
        _("This file cannot be read as an XLSX workbook ({reason}).").format(reason=reason),
        field="file",
    )


def cell_text(value: Any) -> str:
    """A cell value from openpyxl as text (dates as ISO dates, whole floats as integers)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_COLUMNS: dict[str, int] = {}


def _column_index(reference: str) -> int:
    """The 0-based column of a cell reference such as "C12"."""
    letters = reference.rstrip("0123456789")
    index = _COLUMNS.get(letters)
    if index is None:
        index = 0
        for char in letters:
            index = index * 26 + ord(char) - 64
        index = _COLUMNS[letters] = index - 1
    return index


def _shared_strings(archive: zipfile.ZipFile, path: str | None) -> list[str]:
    """The workbook's shared strings (rich text runs joined)."""
    if path is None or path not in archive.namelist():
        return []
    strings = []
    with archive.open(path) as handle:
        for _event, element in iterparse(handle):
            if element.tag == NS + "si":
                strings.append("".join(t.text or "" for t in element.iter(NS + "t")))
                element.clear()
    return strings


def _parts(archive: zipfile.ZipFile) -> tuple[str, str | None]:
    """The path of the active (else first) sheet, and of the shared strings."""
    from xml.etree.ElementTree import fromstring

    rel_ns = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    doc_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    book = fromstring(archive.read("xl/workbook.xml"))
    rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {
        r.get("Id"): (r.get("Target") or "", r.get("Type") or "")
        for r in rels.iter(rel_ns + "Relationship")
    }

    def full(target: str) -> str:
        return target.lstrip("/") if target.startswith("/") else "xl/" + target

    view = book.find(f"{NS}bookViews/{NS}workbookView")
    active = int(view.get("activeTab", "0")) if view is not None else 0
    sheets = list(book.iter(NS + "sheet"))
    sheet = sheets[active if active < len(sheets) else 0]
    sheet_path = full(targets[sheet.get(doc_ns + "id")][0])
    strings = next(
        (full(t) for t, kind in targets.values() if kind.endswith("/sharedStrings")), None
    )
    return sheet_path, strings


def _number(text: str) -> str:
    try:
        value = float(text)
    except ValueError:
        return text
    return str(int(value)) if value.is_integer() else text


def _fast_rows(archive: Any, sheet_path: str, strings: list[str]) -> Iterator[list[str]]:
    """Rows of one sheet's XML as lists of text, numbers as Excel stores them."""
    try:
        yield from _sheet_rows(archive, sheet_path, strings)
    except BROKEN as error:
        raise unreadable(error) from None


def _sheet_rows(archive: Any, sheet_path: str, strings: list[str]) -> Iterator[list[str]]:
    with archive.open(sheet_path) as handle:
        row: list[str] = []
        for _event, element in iterparse(handle):
            tag = element.tag
            if tag == NS + "c":
                reference = element.get("r")
                if reference:
                    index = _column_index(reference)
                    row.extend([""] * (index - len(row)))
                kind = element.get("t")
                if kind == "inlineStr":
                    text = "".join(t.text or "" for t in element.iter(NS + "t"))
                else:
                    value = element.find(NS + "v")
                    raw = value.text or "" if value is not None else ""
                    text = strings[int(raw)] if kind == "s" and raw else raw
                    if kind in (None, "n") and raw:
                        text = "\0" + raw  # a number: dates are told apart by the caller
                row.append(text.strip())
                element.clear()
            elif tag == NS + "row":
                yield row
                row = []
                element.clear()


def _dated(row: list[str], date_columns: Collection[int]) -> list[str]:
    out = []
    for index, text in enumerate(row):
        if text.startswith("\0"):
            number = text[1:]
            if index in date_columns:
                try:
                    text = (_EXCEL_EPOCH + timedelta(days=int(float(number)))).isoformat()
                except (ValueError, OverflowError):
                    text = number
            else:
                text = _number(number)
        out.append(text)
    return out


def _openpyxl_rows(path: Path) -> tuple[list[str], Iterator[list[str]]]:
    """The slow, general way: openpyxl's read-only iteration."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        rows = book.active.iter_rows(values_only=True)  # type: ignore[union-attr]
        header = [cell_text(v) for v in next(rows, ())]
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise unreadable(error) from None

    def slow() -> Iterator[list[str]]:
        try:
            for values in rows:
                yield [cell_text(v) for v in values]
        except Exception as error:
            raise unreadable(error) from None
        finally:
            book.close()

    return header, slow()


def read_xlsx(path: Path, date_headers: Collection[str]) -> tuple[list[str], Iterator[list[str]]]:
    """The header row and data rows of the active sheet; columns headed by one of
    date_headers turn Excel date numbers into ISO dates."""
    try:
        archive = zipfile.ZipFile(path)
        sheet_path, strings_path = _parts(archive)
        strings = _shared_strings(archive, strings_path)
    except (KeyError, ValueError, IndexError, OSError, zipfile.BadZipFile, ParseError):
        return _openpyxl_rows(path)
    fast = _fast_rows(archive, sheet_path, strings)
    first = next(fast, [])
    header = [_number(t[1:]) if t.startswith("\0") else t for t in first]
    wanted = {i for i, title in enumerate(header) if title.strip().lower() in date_headers}

    def rows_with_dates() -> Iterator[list[str]]:
        try:
            for row in fast:
                yield _dated(row, wanted)
        finally:
            archive.close()

    return header, rows_with_dates()
