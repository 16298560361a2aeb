"""The bottom line of every screen: the keys of this screen, as one line of text."""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from desk.i18n import N_, _

TEXTUAL_WORDS = {"Dismiss menu": N_("Close the list")}
"""Descriptions of keys Textual's own widgets show (the Select's open list), in desk's words."""


class KeyBar(Widget):
    """The keys the footer shows (bindings with `show`), drawn as a single line.

    A screen may draw a live key dim with `key_dimmed(action)`: one that only says why it
    cannot act on what is highlighted.

    Textual's Footer builds a widget per key and rebuilds them all whenever the bindings
    change, which is on every screen switch and focus change: about a fifth of a screen's
    first appearance went there. This draws the same keys as text, so a change is one repaint.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Content:
        parts: list[Content | tuple[str, str] | str] = []
        seen: set[str] = set()
        seen_groups: set[int] = set()
        active = self.screen.active_bindings
        palette = self.app.COMMAND_PALETTE_BINDING
        dimmed = getattr(self.screen, "key_dimmed", None)
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in seen or binding.key == palette:
                continue
            seen.add(binding.action)
            if enabled and dimmed is not None and dimmed(binding.action):
                enabled = False  # live, but it only says why it cannot act here
            key, description = self.app.get_key_display(binding), binding.description
            if binding.group is not None:  # one entry for the group's keys: `1-4 切换视图`
                group = binding.group
                if id(group) in seen_groups:
                    continue
                seen_groups.add(id(group))
                members = [b for _n, b, _e, _t in active.values() if b.group is group and b.show]
                last = self.app.get_key_display(members[-1])
                key = key if len(members) == 1 else f"{key}-{last}"
                description = group.description
            if description in TEXTUAL_WORDS:
                description = _(TEXTUAL_WORDS[description])
            parts.append(" " if parts else "")
            if enabled:
                parts += [(f" {key} ", "bold $footer-key-foreground"), description]
            else:
                parts.append(Content.assemble(f" {key} ", description).stylize("dim"))
        if self.app.ENABLE_COMMAND_PALETTE and palette in active:
            key = self.app.get_key_display(active[palette][1])
            parts += ["  ", (f" {key} ", "bold $footer-key-foreground"), _("Commands")]
        return Content.assemble(*parts)
