"""Every key the code base writes into an audit row's detail is shown as translated text."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desk.config import EVENT_DATES
from desk.i18n import set_language
from desk.store.audit_detail import FLAGS, TEMPLATES, describe_detail

PACKAGE = Path(__file__).resolve().parents[2] / "desk"
TZ = ZoneInfo("Asia/Shanghai")
WRITERS = {"record_audit", "_change", "_audit", "_history"}
"""record_audit, and the helpers that hand it a detail: workflow._change, cli.backup._audit,
appointments._history."""
KNOWN_NAMES = {"name": EVENT_DATES}
"""Keys held in a variable: followup_plans writes {name: day} for an event date's name."""


def _keys(node: ast.AST, tree: ast.AST) -> set[str]:
    """The keys of every dict literal in a detail argument (a ** splat: the helper's kwargs)."""
    keys: set[str] = set()
    for found in ast.walk(node):
        if not isinstance(found, ast.Dict):
            continue
        for key in found.keys:
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                keys.add(key.value)
            elif isinstance(key, ast.Name):
                assert key.id in KNOWN_NAMES, f"cannot tell what key {key.id} holds"
                keys |= set(KNOWN_NAMES[key.id])
    return keys


def written_keys() -> dict[str, str]:
    """Every detail key the package writes: {key: where}."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            name = getattr(call.func, "id", getattr(call.func, "attr", ""))
            if name not in WRITERS:
                continue
            where = f"{path.relative_to(PACKAGE.parent)}:{call.lineno}"
            keys: set[str] = set()
            for keyword in call.keywords:
                if keyword.arg == "detail":
                    keys |= _keys(keyword.value, tree)
                elif name == "_audit" and keyword.arg:
                    keys.add(keyword.arg)  # cli.backup._audit(…, **detail) with "file" added
            for key in keys:
                found.setdefault(key, where)
    return found


def test_the_scan_finds_the_keys_written() -> None:
    keys = written_keys()
    expected = {"wrong_pins", "until", "changes", "corrects_id", "masked", "sha256", "kept"}
    assert expected <= set(keys) and "discharged" in keys


def test_every_key_written_is_named() -> None:
    named = set(TEMPLATES) | set(FLAGS) | set(EVENT_DATES)
    assert {key: where for key, where in written_keys().items() if key not in named} == {}


@pytest.mark.parametrize(
    ("action", "detail", "shown"),
    [
        ("sign_in_failed", {"wrong_pins": 2}, "连续输错 2 次"),
        ("staff_locked", {"until": "2026-11-24T01:20:00+00:00"}, "锁定至 2026-11-24 09:20"),
        ("staff_add", {"name": "赵强", "role": "supervisor"}, "姓名：赵强；角色：主管"),
        (
            "staff_role",
            {"name": "李娜", "from": "receptionist", "to": "admin"},
            "姓名：李娜；角色：接待员 → 管理员",
        ),
        (
            "call_add",
            {"org": "第一医院", "caller": "张三", "priority": 1},
            "单位：第一医院；来电人：张三；优先级：急",
        ),
        ("visit_add", {"visitor": "周女士", "channel": "walk_in"}, "来访人：周女士；方式：来访"),
        ("call.edit", {"changes": {"caller": "张珊", "number_raw": "x"}}, "改动：来电人、号码"),
        ("call.correction_of", {"corrects_id": 7, "changes": {"content": "y"}}, "更正记录 #7"),
        ("call.route", {"department_id": 3}, "科室 #3"),
        ("call.route", {"department_id": 3, "department": "内科"}, "科室：内科"),
        (
            "appointment_booked",
            {"name": "周女士", "expert": "李主任", "at": "2026-11-24T01:30:00+00:00"},
            "姓名：周女士；专家：李主任；时间 2026-11-24 09:30",
        ),
        ("call.resolve", {"note": "已答复"}, "备注：已答复"),
        (
            "export",
            {"file": "/e/calls.csv", "format": "csv", "rows": 3, "masked": True, "since": None},
            "文件：/e/calls.csv；格式：CSV；3 行；已脱敏",
        ),
        ("followup.event_date", {"discharged": "2026-11-20", "moved": 2}, "出院日期：2026-11-20"),
        ("followup.import", {"file": "a.xlsx", "added": 5, "rule": "inpatient"}, "新增 5 人"),
        (
            "backup",
            {"file": "b", "sha256": "0123456789abcdef", "removed": ["x"]},
            "删除旧备份 1 份",
        ),
        ("restore", {"file": "b", "kept": "/k/desk.db"}, "原数据库另存为 /k/desk.db"),
        ("report", {"period": "2026-11", "file": "r.xlsx"}, "期间：2026-11"),
        ("export", {"from": "2026-11-01", "to": "2026-11-30"}, "起 2026-11-01；止 2026-11-30"),
    ],
)
def test_details_read_as_chinese(action: str, detail: dict[str, object], shown: str) -> None:
    text = describe_detail(json.dumps(detail, ensure_ascii=False), action=action, tz=TZ)
    assert shown in text
    assert "{" not in text and '"' not in text


def test_unknown_keys_fall_back_to_key_and_value() -> None:
    text = describe_detail('{"mystery": 5, "list": [1, "二"]}', action="x", tz=TZ)
    assert text == 'mystery：5；list：[1, "二"]'  # the colon of the language, as the separator


@pytest.mark.parametrize("detail", [None, "", "第3条", "[b]粗[/b]", "42", '["a"]', "{broken"])
def test_a_detail_that_is_not_a_json_object_is_shown_as_it_is(detail: str | None) -> None:
    assert describe_detail(detail, action="appointment_booked", tz=TZ) == (detail or "")


def test_english() -> None:
    set_language("en")
    try:
        text = describe_detail('{"wrong_pins": 2}', action="sign_in_failed", tz=TZ)
        assert text == "2 wrong PINs in a row"
        text = describe_detail('{"changes": {"org": 1, "content": 2}}', action="call.edit", tz=TZ)
        assert text == "changed: organisation, content"
    finally:
        set_language("zh_CN")
