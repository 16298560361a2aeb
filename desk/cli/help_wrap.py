"""Line breaking for `--help` that reads whole at 80 columns, in Chinese as in English.

Rich breaks lines only at spaces, and cuts anything longer than a line wherever the width
runs out: Chinese, which has no spaces, is cut so that a closing `）` or `。` starts a line,
and a list of values such as `consultation|complaint|suggestion` is cut inside a word. Here
a line may also break between two Chinese characters (never before closing punctuation nor
after opening punctuation) and after each `|` of a list of values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import rich.text
from rich.cells import cell_len, chop_cells

NO_LINE_START = frozenset("，。、；：！？）」』】》〉”’…%,.;:!?)]}")
"""Characters a line must not begin with: closing punctuation goes with what it closes."""
NO_LINE_END = frozenset("（「『【《〈“‘([{")
"""Characters a line must not end with: opening punctuation goes with what it opens."""
AFTER_BREAKS = frozenset("|")
"""Characters after which a line may break: between the values of `a|b|c`."""


def _is_wide(char: str) -> bool:
    return cell_len(char) == 2


def break_points(text: str) -> list[int]:
    """The offsets at which a line of text may begin (0 excluded)."""
    points = []
    for index in range(1, len(text)):
        before, char = text[index - 1], text[index]
        if char.isspace() or char in NO_LINE_START or before in NO_LINE_END:
            continue
        if before.isspace() or before in AFTER_BREAKS or _is_wide(before) or _is_wide(char):
            points.append(index)
    return points


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Rich's divide_line, breaking at break_points(): the offsets to start new lines at."""
    breaks: list[int] = []
    starts = [0, *break_points(text)]
    offset = 0
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        piece = text[start:end]
        length = cell_len(piece.rstrip())
        if offset + length <= width:
            offset += cell_len(piece)
            continue
        if length > width and fold:
            lines = chop_cells(piece, width)
            for number, line in enumerate(lines):
                if start and (number or offset):
                    breaks.append(start)
                start += len(line)
            offset = cell_len(lines[-1])
            continue
        if start and offset:
            breaks.append(start)
        offset = cell_len(piece)
    return breaks


@contextmanager
def help_wrapping() -> Iterator[None]:
    """Rich's Text breaks lines with divide_line above while the block runs."""
    original = rich.text.divide_line
    rich.text.divide_line = divide_line  # type: ignore[assignment]
    try:
        yield
    finally:
        rich.text.divide_line = original


def wrapped_help(original: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap Typer's rich_format_help so the help it prints breaks lines as above."""

    def rich_format_help(*args: Any, **kwargs: Any) -> Any:
        with help_wrapping():
            return original(*args, **kwargs)

    return rich_format_help
