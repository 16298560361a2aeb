"""The methods Python writes for each dataclass, compiled once and kept between runs.

Python writes the source of every dataclass's `__init__`, `__repr__`, `__eq__`... as text and
compiles it while the class is defined: about 280 small compilations before the call entry is
ready (desk's classes, Textual's and Rich's), 30-45 ms of every start on a desk PC, and of
every command a phone system or cron runs. The compiled code is kept (desk.kept) as a module's
`.pyc` is, keyed by the text itself, and used when the same text comes again; a text not seen
before is compiled as Python compiles it. Either way the code is what Python's own `exec` of
the text makes: the same text, file name and flags (no `from __future__` of this module).
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import logging
import marshal
import sys
import zlib
from types import CodeType
from typing import Any

from desk.kept import keep, read_kept

log = logging.getLogger(__name__)

KEPT_NAME = f"dataclass-code-{sys.implementation.cache_tag}.marshal"
"""One file per Python version (marshal's format, like a .pyc's, is the version's own)."""
MAX_KEPT = 4000
"""At most this many texts are kept (those of the latest run first)."""
_HEADER = b"desk-dataclass-code\n"

_compiled: dict[str, CodeType] = {}
_used: set[str] = set()
_compiled_anew = 0


def _exec(source: Any, globals: dict[str, Any] | None = None, locals: Any = None) -> None:
    """`exec` as the dataclasses module calls it, the text compiled at most once."""
    global _compiled_anew
    if isinstance(source, str):
        code = _compiled.get(source)
        if code is None:
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _compiled[source] = code
            _compiled_anew += 1
        _used.add(source)
        source = code
    if globals is None:  # exec's default: the caller's, the dataclasses module's
        globals = vars(dataclasses)
    builtins.exec(source, globals, locals)


def keep_dataclass_code() -> None:
    """Use the code kept by earlier runs for the dataclasses defined from now on, and keep
    what this run compiles anew when it ends. Once per process."""
    if vars(dataclasses).get("exec") is _exec:
        return
    _compiled.update(_read())
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    atexit.register(save)


def compiled_anew() -> int:
    """How many dataclass methods this run compiled (not found among those kept)."""
    return _compiled_anew


def _read() -> dict[str, CodeType]:
    data = read_kept(KEPT_NAME)
    if data is None or not data.startswith(_HEADER):
        return {}
    checksum, payload = data[len(_HEADER) : len(_HEADER) + 4], data[len(_HEADER) + 4 :]
    if int.from_bytes(checksum, "big") != zlib.crc32(payload):
        return {}  # damaged: compiled again, and kept anew
    try:
        found = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {
        text: code
        for text, code in found.items()
        if isinstance(text, str) and isinstance(code, CodeType)
    }


def save() -> bool:
    """Keep the code, if this run compiled any anew; whether it was written."""
    if not _compiled_anew:
        return False
    latest = {text: _compiled[text] for text in _used if text in _compiled}
    for text, code in _compiled.items():
        if len(latest) >= MAX_KEPT:
            break
        latest.setdefault(text, code)
    payload = marshal.dumps(latest)
    return keep(KEPT_NAME, _HEADER + zlib.crc32(payload).to_bytes(4, "big") + payload)
