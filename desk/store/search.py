"""The call log and its one search box: Chinese substrings, pinyin initials, number digits,
and a whole phone number however typed (+86, spaces, 转123), found by its E.164 form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, column, func, table, text, union
from sqlmodel import Session, select

from desk.models import OPEN_STATUSES, Call, Department, Staff
from desk.rules.phone import PhoneError, fold_width, parse_phone
from desk.rules.text import one_line
from desk.store.engine import is_sqlite

MAX_INDEXED = 10000
"""How many characters of each field the SQLite index covers (the migration's position table)."""
PAGE = 100
TEXT_COLUMNS = ("org", "caller", "content", "org_initials", "caller_initials")
_WORDS = re.compile(r"[^\W_]+")
_NUMBER_SPACING = re.compile(r"[\s\-()+]")
_fts = table("call_fts", column("rowid"))


@dataclass(frozen=True)
class LogFilter:
    """What the log shows: one search text and the filters beside it."""

    text: str = ""
    received_from: datetime | None = None
    received_to: datetime | None = None
    priority: int | None = None
    category: str | None = None
    status: str | None = None
    department_id: int | None = None
    recorder_id: int | None = None
    open_only: bool = False
    area_code: str = ""
    """The desk's own area code: a local landline typed without it is still a whole number."""


@dataclass(frozen=True)
class LogRow:
    """One call as the log lists it (plain values, safe to hand to widgets)."""

    id: int
    received_at: datetime
    org: str
    caller: str
    content: str
    number: str
    priority: int
    category: str
    status: str
    department: str
    recorder: str
    corrects_id: int | None


@lru_cache(maxsize=65536)
def pairs(value: str | None) -> str | None:
    """Overlapping character pairs, as the SQLite triggers index them ('第一 一医 医院')."""
    if not value or len(value) < 2:
        return None
    return " ".join(value[i : i + 2] for i in range(min(len(value) - 1, MAX_INDEXED)))


@lru_cache(maxsize=65536)
def digit_triples(value: str | None) -> str | None:
    """Overlapping triples of the digits of a number, as the SQLite triggers index them."""
    digits = "".join(ch for ch in (value or "")[:MAX_INDEXED] if "0" <= ch <= "9")
    if len(digits) < 3:
        return None
    return " ".join(digits[i : i + 3] for i in range(len(digits) - 2))


def _phrase(tokens: list[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


def number_digits(query: str) -> str | None:
    """The digits of a query that is a number (3+ digits, spacing allowed, full-width digits
    as some Chinese IMEs type them folded to ASCII), else None."""
    squeezed = _NUMBER_SPACING.sub("", fold_width(query))
    return squeezed if len(squeezed) >= 3 and squeezed.isascii() and squeezed.isdigit() else None


def number_sought(query: str, area_code: str = "") -> tuple[str, str | None] | None:
    """The E.164 number and extension of a search text that is a whole phone number
    (+8613812345678, 0931-8942000 ext 123), else None."""
    try:
        phone = parse_phone(query, default_area_code=area_code or None)
    except PhoneError:
        return None
    return (phone.e164, phone.extension) if phone.e164 else None


def _number_condition(sought: tuple[str, str | None]) -> ColumnElement[bool]:
    """Calls with a number (by ix_call_number_*); with its extension when one was typed."""
    e164, extension = sought
    condition = Call.number_e164 == e164
    return condition if extension is None else condition & (Call.number_ext == extension)  # type: ignore[return-value]


def fts_match(query: str) -> str | None:
    """The FTS5 MATCH expression for a search text, or None when it has nothing to look for."""
    words = [w for w in _WORDS.findall(query.lower()) if len(w) >= 2]
    digits = number_digits(query.strip())
    parts = []
    if words:
        text_columns = "{" + " ".join(TEXT_COLUMNS) + "}"
        parts.append(
            " AND ".join(
                f"{text_columns} : {_phrase([w[i : i + 2] for i in range(len(w) - 1)])}"
                for w in words
            )
        )
    if digits:
        triples = [digits[i : i + 3] for i in range(len(digits) - 2)]
        parts.append(f"number : {_phrase(triples)}")
    if not parts:
        return None
    return " OR ".join(f"({p})" for p in parts)


def searchable(query: str, area_code: str = "") -> bool:
    """Whether a search text has something to look for (2+ characters, or a whole number)."""
    return fts_match(query) is not None or number_sought(query, area_code) is not None


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _postgres_condition(
    query: str, sought: tuple[str, str | None] | None
) -> ColumnElement[bool] | None:
    words = [w for w in _WORDS.findall(query) if len(w) >= 2]
    digits = number_digits(query.strip())
    conditions = []
    for word in words:
        pattern = _like(word)
        lowered = _like(word.lower())
        conditions.append(
            Call.org.ilike(pattern, escape="\\")
            | Call.caller.ilike(pattern, escape="\\")
            | Call.content.ilike(pattern, escape="\\")
            | Call.org_initials.like(lowered, escape="\\")
            | Call.caller_initials.like(lowered, escape="\\")
        )
    found = None
    if conditions:
        found = conditions[0]
        for condition in conditions[1:]:
            found = found & condition
    if digits:
        number = func.regexp_replace(Call.number_raw, "[^0-9]", "", "g").like(_like(digits))
        found = number if found is None else (found | number)
    if sought is not None:
        whole = _number_condition(sought)
        found = whole if found is None else (found | whole)
    return found


def _base(
    session: Session, log_filter: LogFilter, *, counting: bool = False
) -> tuple[Select[Any], Any] | None:
    """The query of calls a filter selects, and the id column it is ordered by."""
    query: Select[Any] = (
        select(func.count()) if counting else select(Call, Department.name, Staff.name)
    )
    order_id: Any = Call.id
    searched = bool(log_filter.text.strip())
    on_sqlite = is_sqlite(session.get_bind())  # type: ignore[arg-type]
    sought = number_sought(log_filter.text, log_filter.area_code) if searched else None
    if searched and on_sqlite:
        match = fts_match(log_filter.text)
        if match is None and sought is None:
            return None
        matched = text("call_fts MATCH :match").bindparams(match=match)
        if sought is None:
            query = query.select_from(_fts).join(Call, Call.id == _fts.c.rowid).where(matched)
            order_id = _fts.c.rowid
        else:
            # The index's hits and the calls with that number (by ix_call_number_*), as one
            # set of ids: both are few for a whole number.
            found = [select(Call.id.label("id")).where(_number_condition(sought))]  # type: ignore[union-attr]
            if match is not None:
                found.append(select(_fts.c.rowid.label("id")).select_from(_fts).where(matched))
            hits = (union(*found) if len(found) > 1 else found[0]).subquery("hits")
            query = query.select_from(hits).join(Call, Call.id == hits.c.id)
            order_id = hits.c.id
    else:
        query = query.select_from(Call)
        if searched:
            condition = _postgres_condition(log_filter.text, sought)
            if condition is None:
                return None
            query = query.where(condition)
    if not counting:
        query = query.outerjoin(Department, Department.id == Call.department_id).outerjoin(
            Staff, Staff.id == Call.recorder_id
        )
    if log_filter.received_from is not None:
        query = query.where(Call.received_at >= log_filter.received_from)
    if log_filter.received_to is not None:
        query = query.where(Call.received_at < log_filter.received_to)
    if log_filter.open_only:
        query = query.where(Call.status.in_([s.value for s in OPEN_STATUSES]))  # type: ignore[attr-defined]
    for value, col in (
        (log_filter.priority, Call.priority),
        (log_filter.category, Call.category),
        (log_filter.status, Call.status),
        (log_filter.department_id, Call.department_id),
        (log_filter.recorder_id, Call.recorder_id),
    ):
        if value is not None:
            query = query.where(col == value)
    return query, order_id


def call_page(
    session: Session,
    *,
    log_filter: LogFilter,
    before_id: int | None = None,
    offset: int = 0,
    limit: int = PAGE,
) -> list[LogRow]:
    """One page of calls, newest entered first: after a known id (fast) or at an offset."""
    built = _base(session, log_filter)
    if built is None:
        return []
    query, order_id = built
    if before_id is not None:
        query = query.where(order_id < before_id)
    elif offset:
        query = query.offset(offset)
    query = query.order_by(order_id.desc()).limit(limit)
    return [_row(call, dept, recorder) for call, dept, recorder in session.exec(query)]


def call_count(session: Session, *, log_filter: LogFilter) -> int:
    """How many calls a filter selects."""
    built = _base(session, log_filter, counting=True)
    if built is None:
        return 0
    query, _order = built
    return int(session.exec(query).one())


def _row(call: Call, department: str | None, recorder: str | None) -> LogRow:
    assert call.id is not None
    return LogRow(
        id=call.id,
        received_at=call.received_at,
        org=call.org,
        caller=call.caller,
        content=one_line(call.content),
        number=call.number_raw,
        priority=call.priority,
        category=call.category,
        status=call.status,
        department=department or "",
        recorder=recorder or "",
        corrects_id=call.corrects_id,
    )


def change_marker(session: Session) -> tuple[Any, ...]:
    """A cheap fingerprint of the calls, visits and callbacks: it changes when any is saved."""
    from desk.models import Callback, Visit

    calls = session.exec(select(func.max(Call.id), func.max(Call.updated_at))).one()
    visits = session.exec(select(func.max(Visit.id), func.max(Visit.updated_at))).one()
    callbacks = session.exec(select(func.max(Callback.id), func.count(Callback.done_at))).one()
    return (*calls, *visits, *callbacks)


def pause_index(cursor: Any) -> None:
    """Inside a bulk insert's transaction on SQLite: make the index triggers skip."""
    cursor.execute("INSERT INTO call_fts_pause (on_since) VALUES (1)")


def index_since(cursor: Any, *, after_id: int) -> None:
    """Index every call after an id in one statement and turn the triggers back on."""
    cursor.connection.create_function("desk_pairs", 1, pairs, deterministic=True)
    cursor.connection.create_function("desk_triples", 1, digit_triples, deterministic=True)
    values = ", ".join([*(f"desk_pairs({c})" for c in TEXT_COLUMNS), "desk_triples(number_raw)"])
    columns = ", ".join([*TEXT_COLUMNS, "number"])
    cursor.execute(
        f"INSERT INTO call_fts (rowid, {columns}) SELECT id, {values} FROM call WHERE id > ?",
        (after_id,),
    )
    cursor.execute("DELETE FROM call_fts_pause")
