"""Tab-separated lines for scripts and spreadsheets, as `call list` and `visit list` print
them when their output is not a terminal."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import typer

from desk.rules.text import one_line


def echo_tsv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A header line, then one line per row; tabs and line breaks inside a value become
    spaces, so every line has as many fields as the header."""
    typer.echo("\t".join(one_line(title) for title in header))
    for row in rows:
        typer.echo("\t".join(one_line("" if value is None else str(value)) for value in row))
