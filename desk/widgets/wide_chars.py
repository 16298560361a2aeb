"""Chinese characters in a toast or dialog are drawn whole over the edges of widgets beneath.

Textual's compositor cuts every line of a widget at every edge of the widgets under it and
draws the pieces separately; a double-width character that straddles such an edge is split
into two blanks (Textual issue #6357, open). A toast over the line between the call form and
the caller panel read 已恢复上次  保存 — the 未 of "unsaved" gone, saying the opposite.

This draws a run of neighbouring pieces that one widget shows uncovered as one piece: a cut is
kept only where what shows changes, so a character is split only where something covers half
of it. The pieces after the first in a run hold an empty strip, so the widgets beneath cannot
claim them, and a partial update takes each piece's end from what it draws.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import cast

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

from desk.widgets.textual_release import textual_release

CHECKED_WITH = "8.2.8"
"""The Textual release whose compositor this replaces a method of (re-check on upgrade)."""

_CLAIMED = Strip([], 0)
"""What a piece drawn as part of the piece before it holds."""


def _render_chops(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> Sequence[Mapping[int, Strip]]:
    """Textual's `Compositor._render_chops`, cutting a widget's line only where it must."""
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    for region, clip, strips in self._get_renders(crop):
        render_region = region.intersection(clip)
        render_x = render_region.x
        first_cut, last_cut = render_region.column_span
        for y, strip in zip(render_region.line_range, strips, strict=False):
            if not is_rendered_line(y):
                continue
            line = chops[y]
            starts = [cut for cut in cuts[y] if last_cut > cut >= first_cut]
            if not starts:
                continue
            # Front to back: a piece still empty is this widget's to draw.
            free = [line.get(cut) is None for cut in starts]
            runs: list[int] = [0]  # indexes into starts where a piece begins
            for index in range(1, len(starts)):
                if not (free[index] and free[index - 1]):
                    runs.append(index)
            bounds = [starts[index] - render_x for index in runs[1:]]
            bounds.append(last_cut - render_x)
            pieces = strip.divide(bounds)
            for order, (begin, piece) in enumerate(zip(runs, pieces, strict=False)):
                if not free[begin]:
                    continue
                line[starts[begin]] = piece
                end = runs[order + 1] if order + 1 < len(runs) else len(starts)
                for covered in starts[begin + 1 : end]:
                    line[covered] = _CLAIMED
    return cast("Sequence[Mapping[int, Strip]]", chops)


def _render_partial_update(self: Compositor) -> ChopsUpdate | None:
    """Textual's `Compositor.render_partial_update`, with each piece ending where it draws."""
    update = _textual_render_partial_update(self)
    if update is None:
        return None
    update.chop_ends = [
        [
            max(end, x + strip.cell_length) if strip is not None else end
            for end, (x, strip) in zip(ends, line.items(), strict=False)
        ]
        for ends, line in zip(update.chop_ends, update.chops, strict=False)
    ]
    return update


_textual_render_partial_update = Compositor.render_partial_update


def draw_wide_characters_whole() -> bool:
    """Use the compositor fix, if this is the Textual release it was made for."""
    if textual_release() != CHECKED_WITH:
        return False
    Compositor._render_chops = _render_chops  # type: ignore[method-assign]
    Compositor.render_partial_update = _render_partial_update  # type: ignore[method-assign]
    return True
