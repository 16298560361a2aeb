"""Chinese wording found by QA: durations spaced alike, dial counts whole, full-width colons in
Chinese and ASCII ones in English, checked in every catalog."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desk.config import Settings
from desk.i18n import LOCALE_DIR, parse_po, set_language
from desk.store.caller import CallSummary
from desk.store.followup_queue import QueueRow, TaskDetail
from desk.widgets.caller_panel import CallerPanel
from desk.widgets.cycler import Cycler
from desk.widgets.followup_panels import detail_text, queue_option
from desk.widgets.queue_cells import waited_short, waited_text

TZ = ZoneInfo("Asia/Shanghai")
MOMENT = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("zh_CN")


@pytest.mark.parametrize(
    ("waited", "full", "short"),
    [
        (timedelta(minutes=1), "1 分钟", "1 分钟"),
        (timedelta(hours=3), "3 小时", "3 小时"),
        (timedelta(hours=3, minutes=5), "3 小时 5 分钟", "3 小时"),
        (timedelta(days=22), "22 天", "22 天"),
        (timedelta(days=22, hours=3, minutes=59), "22 天 3 小时", "22 天"),
    ],
)
def test_waited_is_spaced_like_every_other_count_and_drops_a_zero_part(
    waited: timedelta, full: str, short: str
) -> None:
    assert (waited_text(waited), waited_short(waited)) == (full, short)


def test_waited_in_english(english: None) -> None:
    assert waited_text(timedelta(days=22, hours=3)) == "22d 3h"
    assert waited_text(timedelta(days=22)) == "22d"


def _row(attempts: int, name: str = "王五") -> QueueRow:
    return QueueRow(
        task_id=1,
        subject_name=name,
        phone="13712345678",
        rule_name="discharge",
        department="内科",
        due_at=MOMENT,
        next_try_at=MOMENT,
        status="pending",
        attempts_used=attempts,
        held_by=None,
    )


def test_the_dial_count_reads_whole(settings: Settings) -> None:
    for attempts in (0, 12):
        line = queue_option(_row(attempts), settings, TZ).prompt.plain  # type: ignore[union-attr]
        assert f"已拨 {attempts} 次" in line


def test_a_long_name_is_cut_and_parted_from_the_phone(settings: Settings) -> None:
    line = queue_option(_row(0, "[b]王五[/]"), settings, TZ).prompt.plain  # type: ignore[union-attr]
    assert "[/]137" not in line and " 137" in line


def test_a_due_date_of_another_year_shows_its_year(settings: Settings) -> None:
    """The done list spans years: 02-10 under 12-15 read as out of order."""
    here = MOMENT.astimezone(TZ)
    this_year = queue_option(_row(0), settings, TZ, year=here.year).prompt.plain  # type: ignore[union-attr]
    last_year = queue_option(_row(0), settings, TZ, year=here.year + 1).prompt.plain  # type: ignore[union-attr]
    assert this_year.startswith(f"{here:%m-%d %H:%M}")
    assert last_year.startswith(f"{here:%Y-%m-%d}")


def _detail() -> TaskDetail:
    return TaskDetail(
        task_id=1, enrollment_id=1, rule_name="discharge", seq=1, status="pending",
        due_at=MOMENT, next_try_at=MOMENT, attempts_used=0, name="王五", sex="男", age=60,
        phone="13712345678", address="", department="内科", doctor="", bed="", diagnosis="",
        admitted_on=None, discharged_on=None, attempts=(), sheet=False,
    )  # fmt: skip


def test_detail_labels_take_the_colon_of_their_language(settings: Settings) -> None:
    assert "电话：13712345678" in detail_text(_detail(), settings).plain
    set_language("en")
    try:
        english = detail_text(_detail(), settings).plain
    finally:
        set_language("zh_CN")
    assert "Phone: 13712345678" in english and "：" not in english


def test_the_caller_panel_and_filters_use_full_width_colons_in_chinese() -> None:
    call = CallSummary(
        id=1, received_at=MOMENT, org="第一医院", caller="张三", content="咨询门诊时间",
        number="13812345678", priority=3, category="consultation", status="registered",
    )  # fmt: skip
    line = CallerPanel()._line(call, TZ).plain
    assert "第一医院 张三：咨询门诊时间" in line and ": " not in line
    cycler = Cycler("科室", "全部", [], id="department")
    cycler._draw()
    assert str(cycler.content).startswith("科室：全部")


def _entries(language: str) -> Iterator[tuple[str, str, str]]:
    for path in sorted((LOCALE_DIR / language).glob("*.po")):
        for msgid, msgstr in parse_po(path.read_text(encoding="utf-8"), keep_empty=True).items():
            yield path.name, msgid, msgstr


FULL_WIDTH = re.compile("[：（）；，。！？]")
CHINESE_THEN_ASCII_COLON = re.compile(r"([\u4e00-\u9fff）}]) ?: ")


def test_english_never_shows_full_width_punctuation() -> None:
    for name, msgid, msgstr in _entries("en"):
        assert not FULL_WIDTH.search(msgid + msgstr), (name, msgid)


def test_chinese_puts_a_full_width_colon_after_chinese_text() -> None:
    for name, msgid, msgstr in _entries("zh_CN"):
        assert not CHINESE_THEN_ASCII_COLON.search(msgstr), (name, msgid, msgstr)
