"""Records: the JSON shape the extractor emits and curators import (see shared corpus gold files)."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError

from firmgraph.graph.errors import MalformedInputError

__all__ = [
    "Amount",
    "ArticleMeta",
    "Count",
    "DateText",
    "EventRecord",
    "FilingRecord",
    "OrgRecord",
    "PersonRecord",
    "QuoteRecord",
    "Record",
    "Span",
    "first",
    "load_records",
    "parse_record",
]

DateText = Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
Count = Annotated[StrictInt, Field(ge=0)]
Amount = Annotated[float, Field(ge=0)]


class Span(BaseModel):
    """Where a fact stands in the document's text."""

    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    exact: str


class _Item(BaseModel):
    model_config = ConfigDict(extra="allow")
    evidence: dict[str, Span] = Field(default_factory=dict)


class ArticleMeta(BaseModel):
    model_config = ConfigDict(extra="allow")
    title: str | None = None
    date: DateText | None = None
    language: Literal["de", "en"] | None = None
    publisher: str | None = None
    url: str | None = None


class OrgRecord(_Item):
    name: Annotated[str, Field(min_length=1)]
    aliases: list[str] = Field(default_factory=list)
    role_in_article: Literal["subject", "mentioned", "outlet", "regulator"] = "mentioned"
    parent: str | None = None


class PersonRecord(_Item):
    name: Annotated[str, Field(min_length=1)]
    organization: str | None = None
    role: str | None = None
    role_text: str | None = None


class EventRecord(_Item):
    id: str | None = None
    organization: Annotated[str, Field(min_length=1)]
    type: str | None = None
    jobs_cut: Count | None = None
    jobs_cut_approx: StrictBool | None = False
    workforce_share_percent: Annotated[float, Field(ge=0, le=100)] | None = None
    headcount_before: Count | None = None
    headcount_after: Count | None = None
    headcount_target: Count | None = None
    jobs_cut_revised_from: Count | None = None
    """The earlier figure the source says the jobs cut replaced ("190 statt 260": 260)."""
    cost_min: Amount | None = None
    cost_max: Amount | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    announced: DateText | None = None
    effective_by: DateText | None = None
    reasons: list[str] = Field(default_factory=list)
    units_affected: list[str] = Field(default_factory=list)
    announced_via: str | None = None
    spokesperson: str | None = None
    methods: list[str] = Field(default_factory=list)
    previous_event_ref: str | None = None
    part_of: str | None = None
    aggregate_of: list[str] = Field(default_factory=list)


class FilingRecord(_Item):
    organization: Annotated[str, Field(min_length=1)]
    regulator: str | None = None
    form: str | None = None


class QuoteRecord(_Item):
    speaker: str | None = None
    outlet: str | None = None
    text: Annotated[str, Field(min_length=1)]


class Record(BaseModel):
    """One article (or other source) with what it states."""

    model_config = ConfigDict(extra="allow")
    article: ArticleMeta
    organizations: list[OrgRecord] = Field(default_factory=list)
    people: list[PersonRecord] = Field(default_factory=list)
    events: list[EventRecord] = Field(default_factory=list)
    filings: list[FilingRecord] = Field(default_factory=list)
    quotes: list[QuoteRecord] = Field(default_factory=list)


def first(value: str | None) -> str | None:
    """The first of `a|b` alternatives (records may list acceptable readings)."""
    if value is None:
        return None
    head = value.split("|")[0].strip()
    return head or None


def parse_record(data: Any, *, source: str, line: int | None = None) -> Record:
    """Check a decoded JSON value against the record shape; errors name the field."""
    try:
        return Record.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top)'}: {err['msg']}" for err in e.errors()[:5]
        )
        raise MalformedInputError(f"not a valid record: {problems}", path=source, line=line) from e


def load_records(text: str, *, source: str) -> list[Record]:
    """Records from JSON text: one object, a list of objects, or JSON Lines."""
    stripped = text.lstrip()
    if source.endswith(".jsonl") or (stripped.startswith("{") and "\n{" in stripped.rstrip()):
        try:
            return _load_lines(text, source)
        except MalformedInputError:
            if source.endswith(".jsonl"):
                raise
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise MalformedInputError(
            f"malformed JSON: {e.msg} (column {e.colno})", path=source, line=e.lineno
        ) from e
    items = data if isinstance(data, list) else [data]
    return [parse_record(item, source=source) for item in items]


def _load_lines(text: str, source: str) -> list[Record]:
    records = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            raise MalformedInputError(
                f"malformed JSON line: {e.msg} (column {e.colno})", path=source, line=n
            ) from e
        records.append(parse_record(data, source=source, line=n))
    return records
