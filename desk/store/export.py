"""Export records to files: stream rows in id order, labels not codes, local times, safe cells."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Engine,
    String,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    true,
    type_coerce,
)
from sqlmodel import Session

from desk.export import labels as L
from desk.export.atomic import atomic_path, sweep_stale
from desk.export.cells import FORMULA_STARTS, MASKS, neutralise
from desk.export.writers import open_writer
from desk.i18n import N_, _
from desk.models import ExportState, Staff
from desk.session_info import SignedIn
from desk.store.access import Permission, require
from desk.store.audit import record_audit
from desk.store.engine import is_sqlite, read_engine, session_scope
from desk.store.export_columns import Column, ExportKind, export_kind
from desk.store.prefetch import prefetched

BATCH = 5_000
SINCE_OVERLAP = timedelta(minutes=1)
"""A bookmark is set a little before the export began, so a change committed while the
export read is never missed (it may be exported twice, which is harmless)."""
Progress = Callable[[int], None]


@dataclass(frozen=True)
class ExportOutcome:
    """One finished export: its kind, file and how many rows it holds."""

    kind: str
    path: Path
    rows: int


def fixed_offset(tz: ZoneInfo) -> timedelta | None:
    """The zone's UTC offset if it has not changed since 1992 (China's has not), else None."""
    offsets = {
        datetime(year, month, 1, tzinfo=UTC).astimezone(tz).utcoffset()
        for year in range(1992, 2100, 3)
        for month in (1, 7)
    }
    return offsets.pop() if len(offsets) == 1 else None


class LocalTimes:
    """Format stored UTC times as local 'YYYY-MM-DD HH:MM', caching the hour's conversion."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self.hours: dict[str, str] = {}

    def __call__(self, value: Any) -> str:
        if isinstance(value, datetime):
            return value.astimezone(self.tz).strftime("%Y-%m-%d %H:%M")
        text = str(value)
        hour = self.hours.get(text[:13])
        if hour is None:
            if len(self.hours) > 100_000:
                self.hours.clear()
            moment = datetime.fromisoformat(text[:19]).replace(tzinfo=UTC).astimezone(self.tz)
            if moment.utcoffset() and moment.utcoffset() % timedelta(hours=1):  # type: ignore[operator]
                return moment.strftime("%Y-%m-%d %H:%M")
            hour = datetime.fromisoformat(text[:13] + ":00").replace(tzinfo=UTC)
            hour = hour.astimezone(self.tz).strftime("%Y-%m-%d %H")
            self.hours[text[:13]] = hour
        return hour + text[13:16]


@dataclass
class _Plan:
    """The SELECT of an export and the Python steps some cells still need."""

    query: Any
    steps: list[tuple[int, Callable[[Any], Any]]]


def _plan(
    spec: ExportKind,
    engine: Engine,
    *,
    tz: ZoneInfo,
    mask: bool,
    safe_cells: bool,
    rule_labels: dict[str, str] | None = None,
) -> _Plan:
    sqlite = is_sqlite(engine)
    offset = fixed_offset(tz)
    expressions: list[Any] = []
    steps: list[tuple[int, Callable[[Any], Any]]] = []
    for index, column in enumerate(spec.columns):
        expr: Any = column.expr
        if column.kind == "label":
            table = L.translated(column.labels) if column.labels else dict(rule_labels or {})
            expr = case(table, value=expr, else_=cast(expr, String)) if table else expr
        elif column.kind == "bool":
            # yes, no, or empty when not known (a follow-up call without that answer)
            expr = case((expr == true(), _(L.YES)), (expr == false(), _(L.NO)), else_=None)
        elif column.kind == "time":
            if sqlite and offset is not None:
                minutes = f"{int(offset.total_seconds() // 60):+d} minutes"
                expr = func.strftime("%Y-%m-%d %H:%M", type_coerce(expr, String), minutes)
            elif sqlite:
                expr = type_coerce(expr, String)
                steps.append((index, LocalTimes(tz)))
            else:
                expr = func.to_char(func.timezone(tz.key, expr), "YYYY-MM-DD HH24:MI")
        elif column.kind == "date":
            expr = type_coerce(expr, String) if sqlite else func.to_char(expr, "YYYY-MM-DD")
        elif column.kind == "text":
            if mask and column.mask:
                steps.append((index, _masker(column, safe_cells)))
            elif safe_cells:
                expr = case(
                    (func.substr(expr, 1, 1).in_(FORMULA_STARTS), literal("'") + expr),
                    else_=expr,
                )
        expressions.append(expr.label(column.key) if hasattr(expr, "label") else expr)
    return _Plan(spec.joins(select(*expressions).select_from(spec.table)), steps)


def _masker(column: Column, safe_cells: bool) -> Callable[[Any], Any]:
    masking = MASKS[column.mask or "text"]
    if safe_cells:
        return lambda value: neutralise(masking(value))
    return masking


def _where(
    query: Any,
    spec: ExportKind,
    *,
    tz: ZoneInfo,
    start: date | None,
    end: date | None,
    since: datetime | None,
) -> Any:
    if start is not None:
        query = query.where(spec.date_column >= _bound(spec, start, tz))
    if end is not None:
        query = query.where(spec.date_column < _bound(spec, end + timedelta(days=1), tz))
    if since is not None:
        query = query.where(or_(*(column >= since for column in spec.changed)))
    return query


def _bound(spec: ExportKind, day: date, tz: ZoneInfo) -> date | datetime:
    if spec.name == "followups":
        return day
    return datetime.combine(day, time(0), tzinfo=tz)


def stream_rows(
    engine: Engine,
    *,
    kind: str,
    tz: ZoneInfo,
    start: date | None = None,
    end: date | None = None,
    since: datetime | None = None,
    mask: bool = False,
    safe_cells: bool = True,
    batch: int = BATCH,
    rule_labels: dict[str, str] | None = None,
) -> Iterator[Sequence[Sequence[Any]]]:
    """Batches of display rows of one kind, in id order, read ahead with a streaming cursor."""
    spec = export_kind(kind)
    plan = _plan(spec, engine, tz=tz, mask=mask, safe_cells=safe_cells, rule_labels=rule_labels)
    query = _where(plan.query, spec, tz=tz, start=start, end=end, since=since)
    return prefetched(_read(engine, query.order_by(spec.order), plan.steps, batch))


def _read(
    engine: Engine, query: Any, steps: list[tuple[int, Callable[[Any], Any]]], batch: int
) -> Iterator[Sequence[Sequence[Any]]]:
    with read_engine(engine).connect() as connection:
        batches: Iterator[Sequence[Sequence[Any]]]
        if is_sqlite(engine):
            # sqlite3's cursor streams by itself; reading its tuples directly skips building a
            # Row per record (a million of them). The only bound values are our own labels,
            # formula marks and date bounds, which SQLAlchemy renders as quoted literals.
            sql = query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
            cursor = connection.connection.driver_connection.execute(str(sql))  # type: ignore[union-attr]
            batches = iter(lambda: cursor.fetchmany(batch), [])
        else:
            result = connection.execution_options(yield_per=batch).execute(query)
            batches = result.partitions()
        for partition in batches:
            if not steps:
                yield partition
                continue
            rows = []
            for row in partition:
                values = list(row)
                for index, step in steps:
                    if values[index] is not None:
                        values[index] = step(values[index])
                rows.append(values)
            yield rows


def count_rows(
    engine: Engine,
    *,
    kind: str,
    tz: ZoneInfo,
    start: date | None = None,
    end: date | None = None,
    since: datetime | None = None,
) -> int:
    """How many rows an export will write (for the progress bar)."""
    spec = export_kind(kind)
    query = spec.joins(select(func.count()).select_from(spec.table))
    query = _where(query, spec, tz=tz, start=start, end=end, since=since)
    with read_engine(engine).connect() as connection:
        return int(connection.execute(query).scalar_one())


def write_export(
    engine: Engine,
    *,
    kind: str,
    fmt: str,
    path: Path,
    tz: ZoneInfo,
    start: date | None = None,
    end: date | None = None,
    since: datetime | None = None,
    mask: bool = False,
    bom: bool = False,
    progress: Progress | None = None,
    rule_labels: dict[str, str] | None = None,
) -> int:
    """Write one kind of record to `path` atomically (0600); returns the number of rows."""
    spec = export_kind(kind)
    columns: Sequence[Column] = spec.columns
    written = 0
    with atomic_path(path) as temp:
        writer = open_writer(
            fmt,
            temp,
            keys=[c.key for c in columns],
            headers=[_(c.header) for c in columns],
            widths=[c.width if c.kind != "time" else 17 for c in columns],
            sheet=_(KIND_TITLES[kind]),
            bom=bom,
        )
        try:
            for rows in stream_rows(
                engine,
                kind=kind,
                tz=tz,
                start=start,
                end=end,
                since=since,
                mask=mask,
                # An XLSX cell is written as text, never a formula: no visible apostrophe.
                safe_cells=fmt == "csv",
                rule_labels=rule_labels,
            ):
                writer.write_rows(rows)
                written += len(rows)
                if progress:
                    progress(written)
        finally:
            writer.close()
    return written


KIND_TITLES = {
    "calls": N_("Calls"),
    "visits": N_("Visits"),
    "appointments": N_("Appointments"),
    "followups": N_("Follow-ups"),
}


def last_export(session: Session, *, kind: str, folder: Path) -> datetime | None:
    """When the last successful export of a kind to a folder began, if any."""
    state = session.scalars(
        select(ExportState).where(ExportState.kind == kind, ExportState.folder == str(folder))
    ).first()
    return state.last_exported_at if state else None


def mark_exported(session: Session, *, kind: str, folder: Path, at: datetime) -> None:
    """Remember a successful export of a kind to a folder (the next --since-last starts here)."""
    found = session.scalars(
        select(ExportState).where(ExportState.kind == kind, ExportState.folder == str(folder))
    ).first()
    if found:
        found.last_exported_at = at
        session.add(found)
    else:
        session.add(ExportState(kind=kind, folder=str(folder), last_exported_at=at))


def export_file_name(kind: str, fmt: str, now: datetime, tz: ZoneInfo) -> str:
    """The file name of an export: kind and local time, e.g. calls-20261124-020000.csv."""
    return f"{kind}-{now.astimezone(tz):%Y%m%d-%H%M%S}.{fmt}"


def run_export(
    engine: Engine,
    *,
    kind: str,
    fmt: str,
    folder: Path,
    now: datetime,
    tz: ZoneInfo,
    file_name: str | None = None,
    start: date | None = None,
    end: date | None = None,
    since_last: bool = False,
    mask: bool = False,
    bom: bool = False,
    progress: Callable[[int, int | None], None] | None = None,
    actor: SignedIn | None = None,
    rule_labels: dict[str, str] | None = None,
) -> ExportOutcome:
    """Export one kind to a folder, then record the bookmark (--since-last) and the audit row."""
    require(actor, Permission.EXPORT)
    folder = folder.expanduser().absolute()
    sweep_stale(folder)
    since = None
    if since_last:
        with session_scope(read_engine(engine)) as session:
            since = last_export(session, kind=kind, folder=folder)
    path = folder / (file_name or export_file_name(kind, fmt, now, tz))
    counter = 1
    while file_name is None and path.exists():
        counter += 1
        path = folder / export_file_name(kind, fmt, now, tz).replace(f".{fmt}", f"-{counter}.{fmt}")
    report: Progress | None = None
    if progress is not None:
        total = count_rows(engine, kind=kind, tz=tz, start=start, end=end, since=since)
        progress(0, total)
        report = lambda done: progress(done, total)  # noqa: E731
    rows = write_export(
        engine,
        kind=kind,
        fmt=fmt,
        path=path,
        tz=tz,
        start=start,
        end=end,
        since=since,
        mask=mask,
        bom=bom,
        progress=report,
        rule_labels=rule_labels,
    )
    with session_scope(engine) as session:
        if since_last:
            mark_exported(session, kind=kind, folder=folder, at=now - SINCE_OVERLAP)
        record_audit(
            session,
            action="export",
            staff=session.get(Staff, actor.id) if actor else None,
            target_kind=kind,
            detail={
                "file": str(path),
                "format": fmt,
                "rows": rows,
                "masked": mask,
                "since": since.isoformat() if since else None,
                "from": start.isoformat() if start else None,
                "to": end.isoformat() if end else None,
            },
        )
    return ExportOutcome(kind=kind, path=path, rows=rows)
