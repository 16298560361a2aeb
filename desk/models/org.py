"""The organisations that have called, one row each, kept up to date by triggers on `call`."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class CallOrg(SQLModel, table=True):
    """One calling organisation: its pinyin initials, its latest call and how many it made."""

    __tablename__ = "call_org"

    org: str = Field(primary_key=True, max_length=200)
    initials: str = Field(default="", max_length=200, index=True)
    last_call_at: datetime = Field(index=True)
    calls: int = 0
