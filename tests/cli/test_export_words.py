"""`desk export` names a wrong kind in the user's language, not by a placeholder (KIND)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(("lang", "said"), [("zh_CN", "记录类别："), ("en", "kind of records: ")])
def test_a_wrong_kind_is_named_in_words(desk_cli, tmp_path: Path, lang: str, said: str) -> None:  # type: ignore[no-untyped-def]
    result = desk_cli("--db", str(tmp_path / "d.db"), "export", "letters", lang=lang)
    assert result.exit_code == 2
    assert said in result.output and "letters" in result.output
    assert "KIND" not in result.output
