"""Benchmark the call log and its search on a million calls from 2,000 organisations.

    python bench/calls_log.py [--db PATH] [--calls N] [--reuse] [--rounds N]

Builds the database with `fill_demo` (unless --reuse finds one), then prints each figure beside
its target and a baseline measured in the same run:
- fill time (target: 30 s for a million calls), with the seconds of each step of the load;
- the log's first page, in the store and on the screen (target 100 ms), baseline: the same page
  read with one bare SQL statement;
- each kind of search, p95 of its first page (target 50 ms), baseline: the same search as a
  LIKE scan of the table.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session  # noqa: E402

from desk.store.engine import open_database, read_engine  # noqa: E402
from desk.store.search import LogFilter, call_count, call_page  # noqa: E402

FIRST_PAGE_TARGET_MS = 100
SEARCH_TARGET_MS = 50
FILL_TARGET_S = 30


def ms(seconds: float) -> str:
    """Seconds as milliseconds, for the table."""
    return f"{seconds * 1000:8.1f} ms"


def p95(values: list[float]) -> float:
    """The 95th percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def timed(job: Callable[[], object]) -> float:
    """Seconds one call of job takes."""
    started = time.perf_counter()
    job()
    return time.perf_counter() - started


def build(path: Path, calls: int, reuse: bool) -> None:
    """Fill the database with demo calls (or reuse one already filled)."""
    from desk.store.demo import fill_demo
    from desk.store.demo_bulk import Phases

    url = f"sqlite:///{path}"
    if reuse and path.exists():
        print(f"reusing {path}")
        return
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    engine = open_database(url)
    phases = Phases()
    started = time.perf_counter()
    fill_demo(engine, calls=calls, orgs=2000, phases=phases)
    elapsed = time.perf_counter() - started
    engine.dispose()
    verdict = "ok" if elapsed <= FILL_TARGET_S * calls / 1_000_000 else "OVER"
    target = f"target {FILL_TARGET_S} s per million"
    print(f"fill {calls:,} calls: {elapsed:6.1f} s   {target}  {verdict}")
    for name, seconds in phases.items():
        print(f"    {name:<20} {seconds:6.2f} s")


def queries(raw: sqlite3.Connection, rng: random.Random, count: int) -> dict[str, list[str]]:
    """Search texts of each kind, taken from random calls."""
    top = raw.execute("SELECT max(id) FROM call").fetchone()[0]
    kinds: dict[str, list[str]] = {
        "chinese 2 chars (org)": [],
        "chinese 2 chars (caller)": [],
        "chinese 2 chars (content)": [],
        "chinese 4 chars (org)": [],
        "pinyin initials (org)": [],
        "pinyin initials (caller)": [],
        "digits 4": [],
        "digits 7": [],
    }
    while min(len(v) for v in kinds.values()) < count:
        row = raw.execute(
            "SELECT org, caller, content, org_initials, caller_initials, number_e164 "
            "FROM call WHERE id = ?",
            (rng.randint(1, top),),
        ).fetchone()
        if row is None:
            continue
        org, caller, content, org_ini, caller_ini, number = row

        def pick(value: str, size: int) -> str:
            if len(value) < size:
                return ""
            start = rng.randrange(len(value) - size + 1)
            return value[start : start + size]

        found = {
            "chinese 2 chars (org)": pick(org, 2),
            "chinese 2 chars (caller)": caller[:2],
            "chinese 2 chars (content)": pick(content, 2),
            "chinese 4 chars (org)": pick(org, 4),
            "pinyin initials (org)": org_ini[:4],
            "pinyin initials (caller)": caller_ini,
            "digits 4": pick(number, 4),
            "digits 7": pick(number, 7),
        }
        for kind, text in found.items():
            if len(text) >= 2 and len(kinds[kind]) < count:
                kinds[kind].append(text)
    return kinds


def like_baseline(raw: sqlite3.Connection, kind: str, text: str) -> None:
    """The same search as a scan of the table with LIKE (what no index costs)."""
    pattern = f"%{text}%"
    if kind.startswith("digits"):
        sql = "SELECT id FROM call WHERE number_e164 LIKE ? ORDER BY id DESC LIMIT 100"
        raw.execute(sql, (pattern,)).fetchall()
    elif kind.startswith("pinyin"):
        sql = (
            "SELECT id FROM call WHERE org_initials LIKE ? OR caller_initials LIKE ? "
            "ORDER BY id DESC LIMIT 100"
        )
        raw.execute(sql, (pattern, pattern)).fetchall()
    else:
        sql = (
            "SELECT id FROM call WHERE org LIKE ? OR caller LIKE ? OR content LIKE ? "
            "ORDER BY id DESC LIMIT 100"
        )
        raw.execute(sql, (pattern, pattern, pattern)).fetchall()


async def settle(app) -> None:  # type: ignore[no-untyped-def]
    """Wait for the app's workers; one superseded by a newer one counts as done."""
    from textual.worker import WorkerCancelled

    for _ in range(5):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue


async def screen_first_page(path: Path, *, prebuilt: bool = True) -> tuple[float, float]:
    """Seconds from F3 to the log's first row, and from a new filter to its first row.

    prebuilt: F3 in a running desk, after the log screen was built in the background;
    otherwise the screen is built when F3 is pressed."""
    from desk.app import PREBUILD_MODES, WARM_UP_AFTER_S, make_app
    from desk.config import load_settings
    from desk.models import Role
    from desk.session_info import SignedIn
    from desk.widgets.call_log_view import CallLogView

    settings = load_settings(db=str(path))
    engine = open_database(settings.db_url)
    app = make_app(settings, engine)
    app.prebuild_screens = prebuilt
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause(0.3)
        app.signed_in(SignedIn(1, "bench", Role.ADMIN))
        # F3 in a running desk: after start-up's background loading of the other areas.
        await pilot.pause(WARM_UP_AFTER_S + 0.2)
        await settle(app)
        # ... all of it: the areas' screens are built one by one while the desk is idle, and
        # a key pressed during one such build waits for it (the figure below without a
        # prebuilt screen bounds that wait).
        everyday = set(PREBUILD_MODES) & set(app.MODES)
        for _ in range(400):
            if not prebuilt or everyday <= set(app._screen_stacks):
                break
            await pilot.pause(0.05)
        await pilot.pause(0.5)
        await settle(app)
        started = time.perf_counter()
        app.call_later(app.action_area, "log")
        while True:
            await asyncio.sleep(0.001)
            view = app.screen.query(CallLogView)
            if view and view.first().row(0) is not None:
                break
        cold = time.perf_counter() - started
        await pilot.pause(1.0)
        view = app.screen.query_one(CallLogView)
        times = []
        for round_ in range(6):
            priority = 2 + round_ % 2
            started = time.perf_counter()
            app.call_later(view.show, LogFilter(priority=priority))
            while True:
                await asyncio.sleep(0.001)
                found = view.row(0)
                if found is not None and found.priority == priority:
                    break
            times.append(time.perf_counter() - started)
            await pilot.pause(0.3)
        warm = statistics.median(times)
    engine.dispose()
    return cold, warm


async def bare_screen() -> float:
    """Seconds to show a one-widget screen in a bare Textual app (the baseline)."""
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Static

    class One(Screen[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Static("x")

    class Bare(App[None]):
        pass

    app = Bare()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause(0.2)
        screen = One()
        started = time.perf_counter()
        app.call_later(app.push_screen, screen)
        while not screen.is_mounted:
            await asyncio.sleep(0.001)
        return time.perf_counter() - started


def main() -> None:
    """Build, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    build(path, args.calls, args.reuse)
    engine = read_engine(open_database(f"sqlite:///{path}"))
    raw = sqlite3.connect(path)
    rng = random.Random(3)

    print(f"\n{'figure':<34}{'measured':>12}{'baseline':>12}{'target':>10}")
    with Session(engine) as session:
        first = statistics.median(
            timed(lambda: call_page(session, log_filter=LogFilter())) for _ in range(5)
        )
        bare = statistics.median(
            timed(lambda: raw.execute("SELECT * FROM call ORDER BY id DESC LIMIT 100").fetchall())
            for _ in range(5)
        )
        cold = timed(lambda: call_count(session, log_filter=LogFilter()))
    cold_screen, warm_screen = asyncio.run(screen_first_page(path))
    built_on_demand, _ = asyncio.run(screen_first_page(path, prebuilt=False))
    bare_one = asyncio.run(bare_screen())
    target = f"{FIRST_PAGE_TARGET_MS:>7} ms"
    print(f"{'log first page (store)':<34}{ms(first):>12}{ms(bare):>12}{target}")
    print(f"{'log first page (F3, first time)':<34}{ms(cold_screen):>12}{ms(bare_one):>12}{target}")
    print(f"{'  the same, screen not prebuilt':<34}{ms(built_on_demand):>12}{ms(bare_one):>12}")
    print(f"{'log first page (new filter, median)':<34}{ms(warm_screen):>12}{'':>12}{target}")
    print(f"{'log count (status line)':<34}{ms(cold):>12}")

    for kind, texts in queries(raw, rng, args.rounds).items():
        measured, baseline, hits = [], [], []
        with Session(engine) as session:
            for text in texts:
                log_filter = LogFilter(text=text)
                started = time.perf_counter()
                rows = call_page(session, log_filter=log_filter)
                measured.append(time.perf_counter() - started)
                hits.append(len(rows))
        for text in texts[:10]:
            baseline.append(timed(lambda k=kind, t=text: like_baseline(raw, k, t)))
        verdict = "ok" if p95(measured) * 1000 <= SEARCH_TARGET_MS else "OVER"
        print(
            f"{'search p95 ' + kind:<34}{ms(p95(measured)):>12}{ms(p95(baseline)):>12}"
            f"{SEARCH_TARGET_MS:>7} ms  {verdict}  (median hits {statistics.median(hits):.0f})"
        )


if __name__ == "__main__":
    main()
