"""Cron must never load the UI (models, store, rules and cli do not import Textual), and the
app's first screen must not wait for the database stack."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "desk.models",
    "desk.store.engine",
    "desk.store.staff",
    "desk.store.demo",
    "desk.rules.phone",
    "desk.rules.workdays",
    "desk.config",
    "desk.cli.root",
]


def test_no_textual_outside_the_ui() -> None:
    code = (
        "import sys, importlib, pkgutil, desk.store, desk.rules, desk.cli, desk.models\n"
        "for pkg in (desk.store, desk.rules, desk.cli, desk.models):\n"
        "    for info in pkgutil.iter_modules(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "from desk.cli.root import build_app; build_app()\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "desk.models", "desk.store.engine")


def test_the_first_screen_needs_no_database_stack() -> None:
    """`desk` draws its sign-in card before SQLAlchemy and the tables load (DeskApp)."""
    code = (
        "import sys, desk.cli.start, desk.app, desk.screens.sign_in, desk.screens.first_run\n"
        f"heavy = [m for m in sys.modules if m.startswith({HEAVY!r})]\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
