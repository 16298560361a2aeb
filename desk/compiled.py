"""Code Python compiles afresh at every start, compiled once and kept between runs.

Two kinds, both made while modules are imported, before the call entry is ready:

- the methods of each dataclass (`__init__`, `__repr__`, `__eq__`...), which Python writes as
  text and compiles as the class is defined: about 280 before the call entry (desk's
  classes, Textual's, Rich's), 30-45 ms of every start;
- regular expressions, which Python parses and translates to its matcher's code in pure
  Python: about 90 before the call entry, 20-30 ms.

What was compiled is kept (desk.kept) as a module's `.pyc` is, keyed by the text itself and
the flags, and used when the same text comes again; a text not seen before is compiled as
Python compiles it. Either way the result is what Python itself makes of the text: the
dataclass code with the same file name and flags (none of this module's `from __future__`),
the regular expression from the same parse and translation. The file is only read by the very
Python build that wrote it (a patch release may translate expressions differently), and only
if its checksum holds; kept code the matcher refuses is dropped and compiled afresh.

Only expressions compiled while a module is imported are kept: one built later may hold what
someone typed (a search highlighted), and the folder holds no records. The dataclass part
works on any Python (it only stands in for `exec`); the expressions' part is for the Python
whose compiler it follows (CHECKED_WITH). A warning Python's parser gives about an expression
is given when it is first compiled, not again when the kept translation is used.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import marshal
import re
import sys
import zlib
from types import CodeType, FrameType
from typing import Any

from desk.kept import keep, read_kept

_HEADER = b"desk-compiled\n"
KEPT_NAME = f"compiled-{sys.implementation.cache_tag}.marshal"
"""One file per Python version (marshal's format, like a .pyc's, is the version's own)."""
MAX_KEPT = 4000
"""At most this many texts of each kind are kept (those of the latest run first)."""
CHECKED_WITH = (3, 11)
"""The Python whose regular expression compiler this stands in for (re-check on upgrade)."""

_dataclass_code: dict[str, CodeType] = {}
_regex_code: dict[tuple[bool, str | bytes, int], tuple[Any, ...]] = {}
_used: set[object] = set()
_compiled_anew = 0


def _exec(source: Any, globals: dict[str, Any] | None = None, locals: Any = None) -> None:
    """`exec` as the dataclasses module calls it, the text compiled at most once."""
    global _compiled_anew
    if isinstance(source, str):
        code = _dataclass_code.get(source)
        if code is None:
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _dataclass_code[source] = code
            _compiled_anew += 1
        _used.add(source)
        source = code
    if globals is None:  # exec's default: the caller's
        caller = sys._getframe(1)
        globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
    builtins.exec(source, globals, locals)


_compiler: Any = getattr(re, "_compiler", None)  # Python 3.11 and later
_python_regex_compile = _compiler.compile if _compiler is not None else None
_STAMP = (
    f"{sys.version}|{getattr(getattr(_compiler, '_sre', None), 'MAGIC', '')}|"
    f"{getattr(getattr(_compiler, '_sre', None), 'CODESIZE', '')}"
).encode()
"""The Python build the kept file was written by: no other reads it."""
_HEAD = _HEADER + _STAMP + b"\n"


def _importing(frame: FrameType | None) -> bool:
    """Whether Python's import system runs a module's code up this stack."""
    while frame is not None:
        code = frame.f_code
        if code.co_name == "exec_module" and code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _regex(pattern: Any, flags: int = 0) -> Any:
    """Python's `re._compiler.compile`, parsing and translating a pattern at most once."""
    global _compiled_anew
    if type(pattern) not in (str, bytes) or flags & (re.DEBUG | re.LOCALE):
        return _python_regex_compile(pattern, flags)  # a parsed pattern (re.Scanner), or odd
    key = (isinstance(pattern, bytes), pattern, int(flags))
    found = _regex_code.get(key)
    if found is not None:
        try:
            made = _matcher(pattern, found)
        except Exception:  # noqa: BLE001 - kept code the matcher refuses: compiled afresh
            del _regex_code[key]
        else:
            _used.add(key)
            return made
    parsed = _compiler._parser.parse(pattern, flags)
    code = [int(word) for word in _compiler._code(parsed, flags)]  # named ints: not marshalled
    state = parsed.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    found = (
        int(flags | state.flags),
        code,
        state.groups - 1,
        dict(state.groupdict),
        tuple(indexgroup),
    )
    made = _matcher(pattern, found)
    if _importing(sys._getframe(1)):
        _regex_code[key] = found
        _used.add(key)
        _compiled_anew += 1
    return made


def _matcher(pattern: str | bytes, translated: tuple[Any, ...]) -> Any:
    """The compiled expression, made from a pattern's translation as Python's own compile
    makes it (each with a group index of its own)."""
    all_flags, code, groups, groupindex, indexgroup = translated
    return _compiler._sre.compile(pattern, all_flags, code, groups, dict(groupindex), indexgroup)


def keep_compiled() -> None:
    """Use the code kept by earlier runs for what is compiled from now on, and keep what this
    run compiles anew when it ends. Once per process."""
    if vars(dataclasses).get("exec") is _exec:
        return
    found = _read()
    _dataclass_code.update(found.get("dataclasses", {}))
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    if sys.version_info[:2] == CHECKED_WITH and _python_regex_compile is not None:
        _regex_code.update(found.get("regex", {}))
        _compiler.compile = _regex
    atexit.register(save)


def compiled_anew() -> int:
    """How many dataclass methods and regular expressions this run compiled (not kept)."""
    return _compiled_anew


def _read() -> dict[str, dict[Any, Any]]:
    data = read_kept(KEPT_NAME)
    if data is None or not data.startswith(_HEAD):
        return {}  # none, or written by another Python build
    checksum, payload = data[len(_HEAD) : len(_HEAD) + 4], data[len(_HEAD) + 4 :]
    if int.from_bytes(checksum, "big") != zlib.crc32(payload):
        return {}  # damaged: compiled again, and kept anew
    try:
        found = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(found, dict):
        return {}
    dataclass_code = found.get("dataclasses")
    regex_code = found.get("regex")
    return {
        "dataclasses": {
            text: code
            for text, code in (dataclass_code if isinstance(dataclass_code, dict) else {}).items()
            if isinstance(text, str) and isinstance(code, CodeType)
        },
        "regex": {
            key: value
            for key, value in (regex_code if isinstance(regex_code, dict) else {}).items()
            if isinstance(key, tuple) and isinstance(value, tuple) and len(value) == 5
        },
    }


def _latest(compiled: dict[Any, Any]) -> dict[Any, Any]:
    """What to keep of one kind: what this run used, then what earlier runs did."""
    items = list(compiled.items())  # at once: threads may be importing as the process ends
    latest = {key: value for key, value in items if key in _used}
    for key, value in items:
        if len(latest) >= MAX_KEPT:
            break
        latest.setdefault(key, value)
    return latest


def save() -> bool:
    """Keep the code, if this run compiled any anew; whether it was written."""
    if not _compiled_anew:
        return False
    try:
        payload = marshal.dumps(
            {"dataclasses": _latest(_dataclass_code), "regex": _latest(_regex_code)}
        )
    except Exception:  # noqa: BLE001 - nothing kept: compiled again next time, said nowhere
        return False
    return keep(KEPT_NAME, _HEAD + zlib.crc32(payload).to_bytes(4, "big") + payload)
