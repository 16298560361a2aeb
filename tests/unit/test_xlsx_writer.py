"""The XLSX writer's typed fast path writes exactly the cells `write_row` would."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from desk.export.writers import XlsxWriter

ROWS = [
    [1, "2026-11-24 09:05", "张三", None, "", "'=SUM(A1)", 3.5, True, date(2026, 11, 24)],
    [2, " 前后空格 ", "带\x01控制符", "http://example.org", "0931", "12", -1, False, None],
    [3, None, None, None, None, None, None, None, None],
]


def _sheet_xml(path: Path, *, fast: bool) -> bytes:
    writer = XlsxWriter(path, [f"h{i}" for i in range(9)], [10] * 9, "表")
    assert writer.typed is not None
    if not fast:
        writer.typed = None
    writer.write_rows(ROWS[:2])
    writer.write_rows(ROWS[2:])
    writer.close()
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def test_typed_cells_equal_write_row(tmp_path: Path) -> None:
    fast = _sheet_xml(tmp_path / "fast.xlsx", fast=True)
    plain = _sheet_xml(tmp_path / "plain.xlsx", fast=False)
    assert fast == plain
    assert b"http://example.org" in fast
    assert b"_x0001_" not in fast and "带␁控制符".encode() in fast  # the CSV's stand-in
