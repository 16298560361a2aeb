"""Fill empty msgstr entries of a .po file from a Python dict {msgid: msgstr} in a file.

python scripts/fill_po.py desk/locale/zh_CN/AREA.po translations.py
"""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path


def fill(po: Path, translations: dict[str, str]) -> int:
    """Put translations into the empty msgstr lines; returns how many were filled."""
    filled = 0
    lines = po.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines[:-1]):
        match = re.match(r'^msgid "(.*)"$', line)
        if not match or lines[i + 1] != 'msgstr ""':
            continue
        msgid = match.group(1).replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
        if msgid in translations:
            value = translations[msgid].replace("\\", "\\\\").replace('"', '\\"')
            lines[i + 1] = f'msgstr "{value.replace(chr(10), chr(92) + "n")}"'
            filled += 1
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return filled


if __name__ == "__main__":
    table = runpy.run_path(sys.argv[2])["T"]
    print(fill(Path(sys.argv[1]), table), "filled")
