"""F1: every key of the current screen and of the app, with what it does."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from desk.i18n import N_, _

_MODIFIERS = {"ctrl": "Ctrl", "alt": "Alt", "shift": "Shift", "super": "Super", "meta": "Meta"}
_KEY_NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "space": "Space",
    "backspace": "Backspace",
    "delete": "Del",
    "insert": "Ins",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "slash": "/",
    "minus": "-",
    "plus": "+",
}

MOVING_KEYS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("tab", "shift+tab"), N_("Next / previous field")),
    (("ctrl+p",), N_("Command palette: every screen and command")),
)
"""Keys of every screen that Textual binds itself, in desk's words."""
LIST_KEYS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("up", "down"), N_("Previous / next row")),
    (("pageup", "pagedown"), N_("Previous / next page")),
    (("home", "end"), N_("First / last row")),
)
"""Keys of Textual's tables and lists, when the screen has one."""
EDITING_KEYS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("left", "right"), N_("Move the cursor")),
    (("ctrl+left", "ctrl+right"), N_("Move the cursor a word")),
    (("home", "end"), N_("Start / end of the text")),
    (("shift+left", "shift+right"), N_("Select text")),
    (("backspace", "delete"), N_("Delete the character before / after the cursor")),
    (("ctrl+w",), N_("Delete the word before the cursor")),
    (("ctrl+u", "ctrl+k"), N_("Delete everything before / after the cursor")),
    (("ctrl+x", "ctrl+c", "ctrl+v"), N_("Cut / copy / paste")),
)
"""Keys of Textual's text fields, when the screen has one."""


@dataclass(frozen=True)
class KeyRow:
    """One line of the help: the key(s), what they do, and whether they work right now."""

    key: str
    description: str
    enabled: bool = True
    says_why: bool = False
    """Dimmed, but pressing it says why it cannot act now."""


@dataclass(frozen=True)
class KeyGroup:
    """A titled list of keys."""

    title: str
    rows: tuple[KeyRow, ...]


def key_label(key: str) -> str:
    """A key as the help shows it: `ctrl+s` -> `Ctrl+S`, `f2` -> `F2`, `pageup` -> `PgUp`."""
    *modifiers, name = key.split("+")
    if name in _KEY_NAMES:
        shown = _KEY_NAMES[name]
    elif len(name) == 1 or name[0] == "f" and name[1:].isdigit():
        shown = name.upper() if modifiers or name[0] == "f" and len(name) > 1 else name
    else:
        shown = name.replace("_", " ").title()
    return "+".join([*(_MODIFIERS.get(m, m.title()) for m in modifiers), shown])


def _binding_label(binding: Binding) -> str:
    return binding.key_display or key_label(binding.key)


def _group_label(members: list[Binding]) -> str:
    """`Alt+1…4` for a group of keys: the first one's own display, else first…last."""
    first, last = members[0], members[-1]
    if first.key_display or len(members) == 1:
        return _binding_label(first)
    return f"{key_label(first.key)}…{key_label(last.key)}"


def _desk_rows(screen: Screen) -> tuple[list[KeyRow], list[KeyRow], set[str]]:
    """desk's own bindings (those with an id) for the screen and for the app, and every key
    bound; the bindings of one `Binding.Group` make one row, as do keys doing the same thing."""
    active = list(screen.active_bindings.values())
    members: dict[int, list[Binding]] = {}
    for _node, binding, _enabled, _tooltip in active:
        if binding.group is not None:
            members.setdefault(id(binding.group), []).append(binding)
    here: dict[str, tuple[str, bool]] = {}
    everywhere: dict[str, tuple[str, bool]] = {}
    done: set[int] = set()
    dimmed = getattr(screen, "key_dimmed", None)  # live keys that only say why (KeyBar)
    for node, binding, enabled, _tooltip in active:
        if not binding.id or not binding.description:
            continue
        if enabled and dimmed is not None and node is screen and dimmed(binding.action):
            enabled = False
        label, description = _binding_label(binding), binding.description
        if binding.group is not None:
            if id(binding.group) in done:
                continue
            done.add(id(binding.group))
            label = _group_label(members[id(binding.group)])
            description = binding.group.description
        rows = everywhere if isinstance(node, App) else here
        if description in rows:  # one row for every key doing the same thing
            known, was_enabled = rows[description]
            if label not in known.split(" / "):
                known = f"{known} / {label}"
            rows[description] = (known, was_enabled or enabled)
        else:
            rows[description] = (label, enabled)
    return (
        [KeyRow(k, d, e, says_why=dimmed is not None) for d, (k, e) in here.items()],
        [KeyRow(k, d, e) for d, (k, e) in everywhere.items()],
        {binding.key for _n, binding, _e, _t in active},
    )


def _common_rows(
    table: tuple[tuple[tuple[str, ...], str], ...], taken: set[str]
) -> tuple[KeyRow, ...]:
    """Rows of a fixed table whose keys desk does not use for something else here."""
    return tuple(
        KeyRow(" / ".join(key_label(k) for k in keys), _(description))
        for keys, description in table
        if not taken & set(keys)
    )


def key_rows(screen: Screen) -> list[KeyGroup]:
    """The keys of a screen in groups: its own, the app's, then Textual's common ones (lists,
    text fields) in desk's words; never Textual's own descriptions."""
    here, everywhere, bound = _desk_rows(screen)
    desk_keys = {
        b.key for _n, b, _e, _t in screen.active_bindings.values() if b.id and b.description
    }
    # Textual binds the palette itself (no id); desk names it.
    moving = _common_rows(MOVING_KEYS, desk_keys | ({"ctrl+p"} - bound))
    groups = [KeyGroup(_("This screen"), tuple(here)), KeyGroup(_("Everywhere"), (*everywhere,))]
    groups.append(KeyGroup(_("Moving around"), moving))
    # By type name (subclasses too): the sign-in card is drawn before these are imported.
    if screen.query("DataTable, OptionList, ListView"):
        groups.append(KeyGroup(_("Lists and tables"), _common_rows(LIST_KEYS, desk_keys)))
    if screen.query("Input, TextArea"):
        groups.append(KeyGroup(_("Typing in a field"), _common_rows(EDITING_KEYS, desk_keys)))
    return [group for group in groups if group.rows]


class HelpScreen(ModalScreen[None]):
    """The keys, grouped, for the screen underneath."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-height: 90%; height: auto; padding: 1 2;
        border: round $primary; background: $surface;
    }
    """
    BINDINGS = [
        Binding("escape,f1", "close", _("Close"), id="help.close"),
    ]

    def __init__(self, groups: list[KeyGroup], intro: str) -> None:
        super().__init__()
        self.groups = groups
        self.intro = intro

    @property
    def rows(self) -> list[tuple[str, str]]:
        """Every (key, description) the help lists, in order."""
        return [(row.key, row.description) for group in self.groups for row in group.rows]

    def compose(self) -> ComposeResult:
        table = Table(title=_("Keys"), expand=True, show_lines=False)
        table.add_column(_("Key"), style="bold", no_wrap=True)
        table.add_column(_("What it does"))
        dimmed = says_why = False
        for number, group in enumerate(self.groups):
            if number:
                table.add_section()
            table.add_row(Text(group.title, style="bold underline"), "")
            for row in group.rows:
                style = "" if row.enabled else "dim"
                dimmed = dimmed or not row.enabled
                says_why = says_why or (not row.enabled and row.says_why)
                table.add_row(Text(row.key, style=style), Text(row.description, style=style))
        with VerticalScroll():
            yield Static(self.intro, markup=False)
            yield Static(table)
            if says_why:
                note = _("Dimmed keys cannot act right now; pressing one says why.")
                yield Static(note, markup=False)
            elif dimmed:
                yield Static(_("Dimmed keys do nothing right now."), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
