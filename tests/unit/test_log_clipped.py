"""The call log cuts a long cell with an ellipsis, never half a Chinese character."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from desk.widgets.call_log_view import clipped


@pytest.mark.parametrize(
    ("width", "shown"),
    [(20, "阜新第一人民医院"), (16, "阜新第一人民医院"), (8, "阜新第…"), (7, "阜新第…"), (2, "…")],
)
def test_a_long_name_ends_with_an_ellipsis(width: int, shown: str) -> None:
    assert clipped("阜新第一人民医院", width) == shown
    assert cell_len(shown) <= width


def test_latin_text_is_cut_at_the_width() -> None:
    assert clipped("Lanzhou University", 8) == "Lanzhou…"
    assert clipped("", 0) == ""
