"""The call log and its one search box: Chinese substrings, pinyin initials, number digits,
and a whole phone number however typed (+86, spaces, 转123), found by its E.164 form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, column, func, table, text, union
from sqlmodel import Session, col, select

from desk.models import OPEN_STATUSES, Call, Department, Staff
from desk.rules.phone import PhoneError, fold_width, parse_phone
from desk.rules.text import one_line
from desk.store.corrections import corrected_ids
from desk.store.engine import is_sqlite
from desk.store.log_keys import LogKey, bounded, fewer_than, ordered, page_by_id, plain

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
    corrected: bool = False
    """A correction (a new call linked to this one) has been saved: 已更正."""

    @property
    def key(self) -> LogKey:
        """Where the call stands in the log (for the next page)."""
        return (self.received_at, self.id)


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


MAX_CHUNKS = 4
"""Chunks of a search page read in id order before walking the time index instead."""
FEW_HITS = 1000
"""On SQLite, a search with fewer hits reads them all and sorts them by time; one with more
reads them in the index's id order (log_keys.page_by_id), a page or two at a time."""
FEW_CALLS = 10_000
"""On SQLite, a status or recorder filter with fewer calls reads them all (by its index) and
sorts them by time; one with more walks the time index (ix_call_received_at, which carries
the rowid) newest first until a page is found. Both cost at most about this many rows."""


def _conditions(
    log_filter: LogFilter, *, walk_time: bool = False
) -> tuple[list[ColumnElement[bool]], list[ColumnElement[bool]]]:
    """The filters beside the search box, as conditions: those another index than the time
    index could find (status, recorder; kept from it when walking the time), and the rest."""
    indexed: list[ColumnElement[bool]] = []
    others: list[ColumnElement[bool]] = []
    status, recorder = Call.status, Call.recorder_id
    if walk_time:
        status, recorder = plain(status), plain(recorder)
    if log_filter.received_from is not None:
        others.append(Call.received_at >= log_filter.received_from)  # type: ignore[arg-type]
    if log_filter.received_to is not None:
        others.append(Call.received_at < log_filter.received_to)  # type: ignore[arg-type]
    if log_filter.open_only:
        indexed.append(status.in_([s.value for s in OPEN_STATUSES]))  # type: ignore[attr-defined]
    for value, column_, found_by_index in (
        (log_filter.status, status, True),
        (log_filter.recorder_id, recorder, True),
        (log_filter.priority, Call.priority, False),
        (log_filter.category, Call.category, False),
        (log_filter.department_id, Call.department_id, False),
    ):
        if value is not None:
            (indexed if found_by_index else others).append(column_ == value)  # type: ignore[arg-type]
    return indexed, others


def _hits(log_filter: LogFilter, sought: tuple[str, str | None] | None) -> Select[Any] | None:
    """On SQLite: the ids of the calls the search text finds (the full-text index's hits, and
    the calls with a whole number typed, by ix_call_number_*); None: nothing to look for."""
    match = fts_match(log_filter.text)
    if match is None and sought is None:
        return None
    found: list[Select[Any]] = []
    if sought is not None:
        found.append(select(Call.id.label("id")).where(_number_condition(sought)))  # type: ignore[union-attr]
    if match is not None:
        matched = text("call_fts MATCH :match").bindparams(match=match)
        found.append(select(_fts.c.rowid.label("id")).select_from(_fts).where(matched))
    return union(*found) if len(found) > 1 else found[0]  # type: ignore[return-value]


def _plan(session: Session, log_filter: LogFilter) -> tuple[str, list[int] | None]:
    """How SQLite reads a page: 'sorted' (few calls match: read them all, sort by time; for
    a search, with the ids of its hits, found once), 'by_id' (a search with many hits: the
    full-text index's own id order, see log_keys.page_by_id), 'walk' (walk the time index
    newest first, stopping after a page)."""
    if log_filter.text.strip():
        sought = number_sought(log_filter.text, log_filter.area_code)
        hits = _hits(log_filter, sought)
        if hits is None:
            return "sorted", []
        ids = list(session.connection().execute(hits.limit(FEW_HITS)).scalars())
        return ("sorted", ids) if len(ids) < FEW_HITS else ("by_id", None)
    indexed, _others = _conditions(log_filter)
    few = bool(indexed) and fewer_than(session, select(Call.id).where(*indexed), FEW_CALLS)
    return ("sorted" if few else "walk"), None


def _base(
    session: Session,
    log_filter: LogFilter,
    *,
    plan: str = "sorted",
    hit_ids: list[int] | None = None,
    counting: bool = False,
) -> tuple[Select[Any], Any] | None:
    """The query of the calls a filter selects, read as a plan says (on SQLite, a search's
    hits already found: `hit_ids`), and the id column it can be ordered by (None: the search
    text has nothing to find)."""
    query: Select[Any] = (
        select(func.count()) if counting else select(Call, Department.name, Staff.name)
    )
    order_id: Any = Call.id
    searched = bool(log_filter.text.strip())
    on_sqlite = is_sqlite(session.get_bind())  # type: ignore[arg-type]
    sought = number_sought(log_filter.text, log_filter.area_code) if searched else None
    walk_time = on_sqlite and plan == "walk" and not counting
    if searched and on_sqlite:
        hits = _hits(log_filter, sought)
        if hits is None:
            return None
        if walk_time:
            query = query.select_from(Call).where(plain(Call.id).in_(hits))
        elif hit_ids is not None:
            if not hit_ids:
                return None
            query = query.select_from(Call).where(col(Call.id).in_(hit_ids))
        elif sought is None:  # the index's hits, in its own id order
            matched = text("call_fts MATCH :match").bindparams(match=fts_match(log_filter.text))
            query = query.select_from(_fts).join(Call, Call.id == _fts.c.rowid).where(matched)
            order_id = _fts.c.rowid
        else:
            found = hits.subquery("hits")
            query = query.select_from(found).join(Call, Call.id == found.c.id)
            order_id = found.c.id
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
    indexed, others = _conditions(log_filter, walk_time=walk_time)
    return query.where(*indexed, *others), order_id


def call_page(
    session: Session,
    *,
    log_filter: LogFilter,
    after: LogKey | None = None,
    before: LogKey | None = None,
    last: bool = False,
    offset: int = 0,
    limit: int = PAGE,
) -> list[LogRow]:
    """One page of calls, newest received first (equal times: newest entered first): the
    calls just after a known call's key, or just before one, or the last (oldest) `limit`
    calls, all by key; at an offset only when no neighbour is known."""
    on_sqlite = is_sqlite(session.get_bind())  # type: ignore[arg-type]
    plan, hit_ids = _plan(session, log_filter) if on_sqlite else ("sorted", None)
    found = None
    if plan == "by_id" and offset and after is None and before is None and not last:
        plan = "walk"  # a jump into the middle: the time index, counted
    if plan == "by_id":
        built = _base(session, log_filter, plan="by_id")
        assert built is not None
        found = page_by_id(
            session,
            bounded(session, built[0], after=after, before=before),
            built[1],
            newest_first=before is None and not last,
            key=after or before,
            limit=limit,
            chunks=MAX_CHUNKS,
        )
        plan = "walk" if found is None else plan  # too many calls out of order
    if found is None:
        built = _base(session, log_filter, plan=plan, hit_ids=hit_ids)
        if built is None:
            return []
        query = bounded(session, built[0], after=after, before=before)
        if offset and after is None and before is None and not last:
            query = query.offset(offset)
        oldest_first = before is not None or last
        order = ordered(Call.received_at, Call.id, oldest_first=oldest_first)
        found = list(session.exec(query.order_by(*order).limit(limit)))
        found = found[::-1] if oldest_first else found
    corrected = corrected_ids(session, kind="call", ids=(c.id for c, _d, _r in found))
    return [_row(c, dept, recorder, c.id in corrected) for c, dept, recorder in found]


def call_count(session: Session, *, log_filter: LogFilter) -> int:
    """How many calls a filter selects."""
    built = _base(session, log_filter, counting=True)
    if built is None:
        return 0
    return int(session.exec(built[0]).one())


def _row(call: Call, department: str | None, recorder: str | None, corrected: bool) -> LogRow:
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
        corrected=corrected,
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
