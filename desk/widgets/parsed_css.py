"""Parsed stylesheets kept between starts, as Python keeps its compiled modules.

Textual reads and parses every stylesheet and every widget's default CSS each time the app
starts: about 50 ms of the way from `desk` to the call entry, all of it on the UI thread
(before the card is drawn, while the names come, and while the PIN is checked). desk keeps
what Textual parsed in the user's cache folder and hands it back to Textual's own parse cache
at the next start.

An entry is found by the CSS text itself, with where it came from and how it is scoped, so CSS
that changed is parsed afresh. The file is named for the Textual release, the Python version
and the theme's colours the rules were parsed with. A missing, damaged or foreign file costs
only the parse: it is ignored and written anew when the app closes (desk.kept).
"""

from __future__ import annotations

import logging
import pickle
import sys
import zlib
from typing import TYPE_CHECKING, Any

from desk.kept import cache_folder, keep, read_kept
from desk.widgets.textual_release import textual_release

if TYPE_CHECKING:
    from textual.css.stylesheet import Stylesheet

log = logging.getLogger(__name__)

CHECKED_WITH = "8.2.8"
"""The Textual release whose parse cache this fills (re-check on upgrade)."""
CACHE_ENTRIES = 256
"""Textual's parse cache holds 64 entries. desk's screens and widgets bring 50-odd sources,
some more than once (a widget's CSS under each subclass's tie-breaker): once they overflow,
every new widget class re-parses them all."""
KEPT_ENTRIES = 512
"""At most this many entries are kept in the file (those this run used first)."""


class ParsedCSS:
    """The parsed rules of one app's stylesheet: read at start, written when the app closes."""

    def __init__(self, stylesheet: Stylesheet) -> None:
        self.stylesheet = stylesheet
        stylesheet._parse_cache.grow(CACHE_ENTRIES)
        self.enabled = textual_release() == CHECKED_WITH and cache_folder() is not None
        self._loaded: dict[Any, Any] = {}
        self._loaded_name = self._file_name()

    def _file_name(self) -> str:
        """The file for the colours the stylesheet has now (each theme parses its own)."""
        variables = repr(sorted(self.stylesheet._variables.items()))
        made_by = "{}-{}.{}".format(textual_release(), *sys.version_info[:2])
        return f"css-{made_by}-{zlib.crc32(f'{made_by} {variables}'.encode()):08x}.pickle"

    def load(self) -> int:
        """Give Textual the rules kept by an earlier start; how many entries were read."""
        data = read_kept(self._loaded_name) if self.enabled else None
        if data is None:
            return 0
        try:
            entries = pickle.loads(data)
        except Exception:  # noqa: BLE001 - damaged, foreign or outdated: parsed afresh
            log.debug("could not read the kept stylesheets", exc_info=True)
            return 0
        if not isinstance(entries, dict):
            return 0
        cache = self.stylesheet._parse_cache
        for key, rules in list(entries.items())[:CACHE_ENTRIES]:
            if isinstance(key, tuple) and isinstance(rules, list):
                cache.set(key, rules)
                self._loaded[key] = rules
        return len(self._loaded)

    def save(self) -> bool:
        """Keep what Textual parsed, if it parsed anything the file does not hold yet;
        whether the file was written. A folder that cannot be written is passed over."""
        if not self.enabled:
            return False
        cache = self.stylesheet._parse_cache
        current = {key: cache.get(key) for key in list(cache.keys())}
        name = self._file_name()
        earlier = self._loaded if name == self._loaded_name else {}
        if current.keys() <= earlier.keys():
            return False
        kept = dict(list({**current, **earlier}.items())[:KEPT_ENTRIES])
        try:
            data = pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a rule Textual made that cannot be kept
            log.debug("could not keep the parsed stylesheets", exc_info=True)
            return False
        if not keep(name, data):
            return False
        self._loaded, self._loaded_name = kept, name
        return True
