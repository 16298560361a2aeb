"""Every action code and record kind the code base writes to the audit trail has a name."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import pytest

from desk.i18n import _, catalog, set_language
from desk.store.audit import ACTION_LABELS, TARGET_LABELS, action_label, target_label
from desk.store.export import KIND_TITLES

PACKAGE = Path(__file__).resolve().parents[2] / "desk"
CASE_KINDS = ("call", "visit")
KNOWN = {("workflow.py", "kind"): CASE_KINDS, ("export.py", "kind"): tuple(KIND_TITLES)}
"""Values of names the scan cannot follow: the kind of a case record, of an export."""


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _enclosing(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.FunctionDef | None:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef):
            return node
    return None


def _passed(tree: ast.AST, function: ast.FunctionDef, name: str) -> set[str]:
    """The literal values the module passes to parameter `name` of `function`."""
    params = [a.arg for a in function.args.posonlyargs + function.args.args]
    index = params.index(name) if name in params else None
    values: set[str] = set()
    for call in ast.walk(tree):
        if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") == function.name):
            continue
        args = [k.value for k in call.keywords if k.arg == name]
        if index is not None and index < len(call.args):
            args.append(call.args[index])
        values |= {a.value for a in args if isinstance(a, ast.Constant) and a.value is not None}
    return values


def _values(
    node: ast.expr, tree: ast.AST, parents: dict[ast.AST, ast.AST], module: str
) -> set[str]:
    """Every string an argument of a record_audit call can be."""
    if isinstance(node, ast.Constant):
        return {node.value} if isinstance(node.value, str) else set()
    if isinstance(node, ast.Name):
        function = _enclosing(node, parents)
        found = _passed(tree, function, node.id) if function else set()
        found = found or set(KNOWN.get((module, node.id), ()))
        assert found, f"cannot tell what {node.id} holds at line {node.lineno}"
        return found
    if isinstance(node, ast.JoinedStr):
        parts = [
            _values(p.value, tree, parents, module)
            if isinstance(p, ast.FormattedValue)
            else {p.value}
            for p in node.values
            if isinstance(p, ast.FormattedValue | ast.Constant)
        ]
        return {"".join(choice) for choice in itertools.product(*parts)}
    raise AssertionError(f"an audit argument the test cannot read at line {node.lineno}")


def written(argument: str) -> dict[str, str]:
    """Every value of a record_audit argument in the package: {value: where}."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        parents = _parents(tree)
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "record_audit"):
                continue
            for keyword in call.keywords:
                if keyword.arg == argument:
                    where = f"{path.relative_to(PACKAGE.parent)}:{call.lineno}"
                    for value in _values(keyword.value, tree, parents, path.name):
                        found.setdefault(value, where)
    return found


def test_the_scan_finds_the_codes_written() -> None:
    actions = written("action")
    expected = {"visit_add", "call.route", "visit.correction_of", "appointment_booked", "backup"}
    assert expected <= set(actions) and len(actions) > 30
    assert {"followup_task", "call", "database", "calls"} <= set(written("target_kind"))


def test_every_action_written_has_a_label() -> None:
    assert {
        code: where for code, where in written("action").items() if code not in ACTION_LABELS
    } == {}


def test_every_record_kind_written_has_a_label() -> None:
    kinds = written("target_kind")
    assert {kind: where for kind, where in kinds.items() if kind not in TARGET_LABELS} == {}


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_labels_are_translated(language: str) -> None:
    set_language(language)
    try:
        for code in ACTION_LABELS:
            assert action_label(code) != code
        for kind in TARGET_LABELS:
            assert target_label(kind) != kind
        if language == "zh_CN":
            chinese = catalog("zh_CN")
            assert all(
                chinese.get(label) for label in (*ACTION_LABELS.values(), *TARGET_LABELS.values())
            )
            assert action_label("followup.sheet_view") == "查看回访单"
            assert target_label("followup_task") == "回访任务"
        else:
            assert action_label("call.route") == "Call routed"
    finally:
        set_language("zh_CN")
    assert _("Call routed") == "来电转办"
