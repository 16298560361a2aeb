"""Settings from desk.toml, the environment and command-line flags."""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desk.i18n import LANGUAGES, _, normalise_language
from desk.store.errors import os_reason

DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "data" / "desk.toml"
DEFAULT_DB = Path("data") / "desk.db"
EVENT_DATES = ("discharged", "visited", "started", "completed", "contacted", "resolved", "since")
SECTIONS: dict[str, tuple[str, ...]] = {
    "institution": ("name", "language", "timezone", "area_code"),
    "calling": ("windows", "extra_holidays", "extra_workdays"),
    "paths": ("export_dir", "backup_dir"),
    "desk": ("idle_lock_minutes",),
    "followup": ("rules",),
}
TOP_KEYS = ("departments", *SECTIONS)
RULE_KEYS = ("name", "label", "event", "tasks", "attempts", "target_rate")
TASK_KEYS = ("days", "after", "midway", "at", "every_days", "count")


class ConfigError(Exception):
    """A configuration file that cannot be used, with the key at fault and why."""

    def __init__(self, source: str, key: str, reason: str) -> None:
        super().__init__(f"{source}: {key}: {reason}" if key else f"{source}: {reason}")
        self.source, self.key, self.reason = source, key, reason


@dataclass(frozen=True)
class TaskOffset:
    """When one follow-up task of a rule falls, relative to the event's dates."""

    days: int | None = None
    after: str | None = None
    midway: tuple[str, str] | None = None
    at: str | None = None
    every_days: int | None = None
    count: int = 1


@dataclass(frozen=True)
class FollowupRule:
    """A configured rule that turns an event into follow-up tasks."""

    name: str
    label: str
    event: str
    tasks: tuple[TaskOffset, ...]
    attempts: int
    target_rate: float


@dataclass(frozen=True)
class Settings:
    """Everything desk is configured with, resolved and checked."""

    institution_name: str = ""
    language: str = ""
    timezone: str = "Asia/Shanghai"
    area_code: str = ""
    windows: tuple[tuple[time, time], ...] = ()
    extra_holidays: tuple[date, ...] = ()
    extra_workdays: tuple[date, ...] = ()
    export_dir: Path = Path("exports")
    backup_dir: Path = Path("backups")
    idle_lock_minutes: int = 15
    departments: tuple[str, ...] = ()
    rules: tuple[FollowupRule, ...] = ()
    config_path: Path | None = None
    db_url: str = field(default="")

    @property
    def tz(self) -> ZoneInfo:
        """The desk's time zone."""
        return ZoneInfo(self.timezone)

    def rule(self, name: str) -> FollowupRule | None:
        """The follow-up rule of that name, if configured."""
        return next((r for r in self.rules if r.name == name), None)


def database_url(db: str | None = None) -> str:
    """The database URL from --db, else DESK_DB, else data/desk.db under the current folder."""
    value = db or os.environ.get("DESK_DB") or str(DEFAULT_DB)
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().absolute()}"


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


class _Reader:
    """Reads typed values out of the parsed TOML, raising ConfigError with the key path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, key: str, reason: str) -> ConfigError:
        return ConfigError(self.source, key, reason)

    def known(self, data: dict[str, Any], prefix: str, keys: tuple[str, ...]) -> None:
        """Refuse a key that desk does not read (a typo would otherwise pass unnoticed)."""
        for key, value in data.items():
            if key in keys:
                continue
            path = f"{prefix}{key}"
            reason = _("unknown section") if isinstance(value, dict) else _("unknown key")
            close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
            if close:
                reason += _("; did you mean {key}?").format(key=f"{prefix}{close[0]}")
            raise self.fail(path, reason)

    def get(self, data: dict[str, Any], key: str, path: str, kind: type, default: Any) -> Any:
        value = data.get(key, default)
        if kind is int and isinstance(value, bool):
            raise self.fail(path, _("expected a whole number"))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind):
            names = {
                str: _("expected text"),
                int: _("expected a whole number"),
                float: _("expected a number"),
                list: _("expected a list"),
                dict: _("expected a table"),
            }
            raise self.fail(path, names[kind])
        return value

    def items(self, value: list[Any], path: str, convert: Callable[[Any, str], Any]) -> tuple:
        return tuple(convert(item, f"{path}[{i}]") for i, item in enumerate(value))

    def day(self, value: Any, path: str) -> date:
        if isinstance(value, date):
            return value
        from desk.rules.dates import DateError, parse_day

        try:
            return parse_day(str(value))
        except DateError as error:
            if error.not_existing:
                raise self.fail(path, error.message) from None
            raise self.fail(path, _("expected a date such as 2026-10-01")) from None

    def window(self, value: Any, path: str) -> tuple[time, time]:
        from desk.rules.windows import parse_window

        try:
            return parse_window(str(value))
        except ValueError:
            raise self.fail(path, _("expected a window such as 08:00-11:00")) from None

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, _("expected non-empty text"))
        return value.strip()


def _task(reader: _Reader, raw: Any, path: str) -> TaskOffset:
    if not isinstance(raw, dict):
        raise reader.fail(path, _("expected a table"))
    reader.known(raw, f"{path}.", TASK_KEYS)

    def date_name(value: Any, key: str) -> str:
        if value not in EVENT_DATES:
            raise reader.fail(key, _("unknown event date; use one of: ") + ", ".join(EVENT_DATES))
        return str(value)

    if "midway" in raw:
        pair = raw["midway"]
        if not isinstance(pair, list) or len(pair) != 2:
            raise reader.fail(f"{path}.midway", _("expected two event dates"))
        return TaskOffset(midway=(date_name(pair[0], path), date_name(pair[1], path)))
    if "at" in raw:
        return TaskOffset(at=date_name(raw["at"], f"{path}.at"))
    if "every_days" in raw:
        every = reader.get(raw, "every_days", f"{path}.every_days", int, 0)
        count = reader.get(raw, "count", f"{path}.count", int, 1)
        if every < 1 or count < 1:
            raise reader.fail(path, _("every_days and count must be at least 1"))
        after = date_name(raw.get("after"), f"{path}.after")
        return TaskOffset(every_days=every, after=after, count=count)
    if "days" in raw:
        days = reader.get(raw, "days", f"{path}.days", int, 0)
        if days < 0:
            raise reader.fail(f"{path}.days", _("must not be negative"))
        return TaskOffset(days=days, after=date_name(raw.get("after"), f"{path}.after"))
    raise reader.fail(path, _("a task needs days, midway, at or every_days"))


def _rule(reader: _Reader, raw: Any, path: str) -> FollowupRule:
    if not isinstance(raw, dict):
        raise reader.fail(path, _("expected a table"))
    reader.known(raw, f"{path}.", RULE_KEYS)
    tasks_raw = reader.get(raw, "tasks", f"{path}.tasks", list, [])
    if not tasks_raw:
        raise reader.fail(f"{path}.tasks", _("a rule needs at least one task"))
    attempts = reader.get(raw, "attempts", f"{path}.attempts", int, 3)
    rate = reader.get(raw, "target_rate", f"{path}.target_rate", float, 1.0)
    if attempts < 1:
        raise reader.fail(f"{path}.attempts", _("must be at least 1"))
    if not 0 <= rate <= 1:
        raise reader.fail(f"{path}.target_rate", _("expected a rate between 0 and 1"))
    name = reader.text(raw.get("name"), f"{path}.name")
    return FollowupRule(
        name=name,
        label=reader.get(raw, "label", f"{path}.label", str, name),
        event=reader.text(raw.get("event", name), f"{path}.event"),
        tasks=reader.items(tasks_raw, f"{path}.tasks", lambda t, p: _task(reader, t, p)),
        attempts=attempts,
        target_rate=rate,
    )


def unsupported_language(value: str) -> str:
    """Why a language name cannot be used, listing the ones desk has."""
    return _("unsupported language {value}; use one of: {languages}").format(
        value=repr(value), languages=", ".join(LANGUAGES)
    )


def checked_language(value: str, where: str) -> str:
    """The language name if desk has it, else a ConfigError naming where it was given."""
    if normalise_language(value) is None:
        raise ConfigError(where, "", unsupported_language(value))
    return value


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(str(path), "", _("file not found")) from None
    except OSError as error:
        raise ConfigError(str(path), "", os_reason(error)) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(str(path), "", _("not valid TOML: ") + str(error)) from None


def settings_from_dict(data: dict[str, Any], source: str) -> Settings:
    """Check the merged configuration and build Settings from it."""
    r = _Reader(source)
    r.known(data, "", TOP_KEYS)
    sections = {name: r.get(data, name, name, dict, {}) for name in SECTIONS}
    for name, keys in SECTIONS.items():
        r.known(sections[name], f"{name}.", keys)
    inst, calling, paths = sections["institution"], sections["calling"], sections["paths"]
    desk, followup = sections["desk"], sections["followup"]
    language = r.get(inst, "language", "institution.language", str, "").strip()
    if language and normalise_language(language) is None:
        raise r.fail("institution.language", unsupported_language(language))
    timezone = r.get(inst, "timezone", "institution.timezone", str, "Asia/Shanghai")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise r.fail("institution.timezone", _("unknown time zone")) from None
    area_code = r.get(inst, "area_code", "institution.area_code", str, "").strip()
    if area_code and not (area_code.isdigit() and area_code.startswith("0")):
        raise r.fail("institution.area_code", _("expected an area code such as 0931"))
    idle = r.get(desk, "idle_lock_minutes", "desk.idle_lock_minutes", int, 15)
    if idle < 0:
        raise r.fail("desk.idle_lock_minutes", _("must not be negative"))
    rules = r.items(
        r.get(followup, "rules", "followup.rules", list, []),
        "followup.rules",
        lambda v, p: _rule(r, v, p),
    )
    names = [rule.name for rule in rules]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate:
        raise r.fail("followup.rules", _("two rules share the name ") + duplicate)
    return Settings(
        institution_name=r.get(inst, "name", "institution.name", str, ""),
        language=language,
        timezone=timezone,
        area_code=area_code,
        windows=r.items(
            r.get(calling, "windows", "calling.windows", list, []), "calling.windows", r.window
        ),
        extra_holidays=r.items(
            r.get(calling, "extra_holidays", "calling.extra_holidays", list, []),
            "calling.extra_holidays",
            r.day,
        ),
        extra_workdays=r.items(
            r.get(calling, "extra_workdays", "calling.extra_workdays", list, []),
            "calling.extra_workdays",
            r.day,
        ),
        export_dir=Path(r.get(paths, "export_dir", "paths.export_dir", str, "exports")),
        backup_dir=Path(r.get(paths, "backup_dir", "paths.backup_dir", str, "backups")),
        idle_lock_minutes=idle,
        departments=r.items(
            r.get(data, "departments", "departments", list, []), "departments", r.text
        ),
        rules=rules,
    )


def load_settings(config: str | Path | None = None, db: str | None = None) -> Settings:
    """Load the shipped default, then the user's file (--config or DESK_CONFIG) over it."""
    data = _read_toml(DEFAULT_CONFIG)
    chosen = config or os.environ.get("DESK_CONFIG")
    source = str(DEFAULT_CONFIG)
    path: Path | None = None
    if chosen:
        path = Path(chosen).expanduser()
        data = _merge(data, _read_toml(path))
        source = str(path)
    settings = settings_from_dict(data, source)
    return replace(settings, config_path=path, db_url=database_url(db))
