"""Find every message desk shows and keep the catalogs complete.

python scripts/messages.py check          list msgids missing from zh_CN or en
python scripts/messages.py update AREA    append missing msgids to locale/*/AREA.po
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desk.i18n import LANGUAGES, LOCALE_DIR, parse_po  # noqa: E402

MARKERS = {"_": 1, "N_": 1, "ngettext": 2}
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


def used_messages(package: Path = ROOT / "desk") -> dict[str, str]:
    """Every literal passed to _(), N_() or ngettext() in the package: {msgid: where}."""
    found: dict[str, str] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            count = MARKERS.get(node.func.id)
            for arg in node.args[: count or 0]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def catalog_entries(language: str) -> dict[str, str]:
    """All entries of a language's .po files, untranslated ones included."""
    entries: dict[str, str] = {}
    for path in sorted((LOCALE_DIR / language).glob("*.po")):
        entries.update(parse_po(path.read_text(encoding="utf-8"), keep_empty=True))
    return entries


def missing(language: str) -> dict[str, str]:
    """Messages the code uses that the language lacks (zh_CN also needs a translation)."""
    entries = catalog_entries(language)
    return {
        msgid: where
        for msgid, where in used_messages().items()
        if msgid not in entries or (language != "en" and not entries[msgid])
    }


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def update(area: str) -> None:
    """Append every missing msgid to locale/<lang>/<area>.po (msgstr left to fill in)."""
    for language in LANGUAGES:
        path = LOCALE_DIR / language / f"{area}.po"
        present = catalog_entries(language)
        text = path.read_text(encoding="utf-8") if path.exists() else HEADER
        added = [m for m in used_messages() if m not in present]
        for msgid in added:
            text += f'\nmsgid {_quote(msgid)}\nmsgstr ""\n'
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(added)} added")


def main() -> int:
    if len(sys.argv) >= 2 and sys.argv[1] == "update" and len(sys.argv) == 3:
        update(sys.argv[2])
        return 0
    problems = 0
    for language in LANGUAGES:
        for msgid, where in missing(language).items():
            print(f"{language}: {where}: {msgid!r}")
            problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
