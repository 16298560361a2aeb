"""`desk nightly` log lines read wholly in the administrator's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desk.store.engine import open_database

STEPS = {
    "zh_CN": ["导出来电", "导出来访", "导出预约", "导出回访", "备份", "轮换旧备份"],
    "en": [
        "export calls",
        "export visits",
        "export appointments",
        "export followups",
        "backup",
        "rotate",
    ],
}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_nightly_step_names_are_translated(desk_cli, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "desk.db"
    open_database(f"sqlite:///{db}").dispose()
    result = desk_cli(
        "--db", str(db), "nightly", "--out", str(tmp_path / "e"), "--to", str(tmp_path / "b"),
        lang=lang,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    colon = "：" if lang == "zh_CN" else ": "
    lines = result.output.strip().splitlines()
    assert [line.split(" ", 2)[2].split(colon)[0] for line in lines] == STEPS[lang]
    if lang == "zh_CN":
        # nothing of English is left but paths and the units the catalogs keep
        words = re.sub(r"/\S+|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", "", result.output)
        assert not re.search(r"[A-Za-z]{2,}", words), words
    backup_line = lines[-2]
    assert str(tmp_path / "b") in backup_line  # the full path, for the morning after
