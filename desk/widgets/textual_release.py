"""The installed Textual release, which desk's patches of its internals are checked against."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import textual


@cache
def textual_release() -> str:
    """Textual's version, from the name of its metadata folder beside the package;
    `textual.__version__` asks importlib.metadata, which searches every installed package
    (a few hundredths of a second at each start)."""
    folders = list(Path(textual.__file__).resolve().parent.parent.glob("textual-*.dist-info"))
    if len(folders) == 1:
        return folders[0].name.removeprefix("textual-").removesuffix(".dist-info")
    return str(textual.__version__)  # an unusual installation: ask the slow way
