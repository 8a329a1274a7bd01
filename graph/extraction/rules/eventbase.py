"""The parts of event finding: the patterns of tense and scope, channel ranks, and the Event under construction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from firmgraph.graph.extraction.rules.lexicon import AGGREGATE_MARKERS, JOB_NOUN, PAST_MARKERS

PAST_RE = re.compile(PAST_MARKERS, re.I)
AGGREGATE_RE = re.compile(AGGREGATE_MARKERS, re.I)
FUTURE_RE = re.compile(
    r"\b(?:will|wird|werden|soll|sollen|plant|planen|plans|planned|planning|expects?|intends?|would|beabsichtigt"
    r"|vorhaben|künftig|kommenden|to cut|to eliminate|to reduce|abzubauen|zu streichen|zu senken|zu reduzieren)\b",
    re.I,
)
PLAN_VERB_RE = re.compile(
    r"\b(?:plant|planen|plans|planned|planning|will|wird|soll|sollen|intends?|aims?|ziel\w*)\b", re.I
)
JOB_WORD_RE = re.compile(rf"(?<![\w])(?:{JOB_NOUN})(?![\w])", re.I)
THIS_NUMBER_RE = re.compile(
    r"\b(?:diese|dieser|this|that) (?:zahl|number|figure)\b|\bweiter auf\b|\bfurther to\b", re.I
)
GUARANTEE_RE = re.compile(
    r"kündigungen\s+(?:\w+\s+){0,5}(?:ausgeschlossen|verzichtet)|beschäftigungs(?:sicherung|garantie)|standortgarantie"
    r"|job (?:guarantee|security)|no (?:forced|compulsory) (?:layoffs|redundancies)",
    re.I,
)
# "hatte bereits im Oktober angekündigt, ... abzubauen": the plan is future, the month is past
PAST_ANNOUNCED_RE = re.compile(
    r"\b(?:hatte|hatten|had)\b[^.;]{0,60}\b(?:angekündigt|bekanntgegeben|mitgeteilt|announced|said|verkündet)\b"
    r"|\b(?:angekündigt|bekanntgegeben|mitgeteilt|verkündet)\s+(?:hatte|hatten|hat|haben)\b"
    r"|\bannounced\b[^.;]{0,60}\bin (?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\b"
    r"|\b(?:kündigte|verkündete|announced|said)\b[^.;]{0,40}\b(?:last|vergangenen|im)\s",
    re.I,
)
SAVINGS_BEFORE = re.compile(r"(?:\bsav\w*|einspar\w*|\bspar\w*)[^.;,]{0,50}$", re.I)
SINCE_RE = re.compile(r"(?:seit|since|ab|from)\s+$", re.I)
NOT_SPOKESPEOPLE = {
    "Works Council Chair", "Chief Negotiator", "Head", "Analyst", "Economist", "Partner", "President", "Union official",
}  # fmt: skip
CLOSURE_RE = re.compile(
    r"\b(?:eingestellt|geschlossen|schließen|schließt|stillgelegt|abgeschlossen|beendet|close[sd]?|shut|complete[d]?"
    r"|wound down|wind(?:s|ing)? down|finished|aufgegeben|stillzulegen|closing|wirksam|take[sn]? effect|umgesetzt"
    r"|verlagert|relocated|auslaufen|ausläuft|phased? out|gelten|gilt)\b",
    re.I,
)
CHANNEL_RANK = {
    "sec_filing": 6,
    "press_release": 5,
    "memo": 4,
    "blog_post": 3,
    "interview": 2,
    "media_statement": 1,
}
_TYPE_ORDER = [
    ("soft", "attrition_reduction"),
    ("plan", "restructuring_plan"),
    ("cut", "layoff"),
    ("freeze", "hiring_freeze"),
]


@dataclass
class Event:
    """An event under construction: values with the span of the sentence that states each."""

    org: str
    status: str
    anchor: int
    values: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    approx: bool = False
    cues: dict[str, tuple[int, int]] = field(default_factory=dict)
    reasons: dict[str, tuple[int, int]] = field(default_factory=dict)
    units: dict[str, tuple[int, int]] = field(default_factory=dict)
    methods: dict[str, tuple[int, int]] = field(default_factory=dict)
    channel: tuple[str, tuple[int, int]] | None = None
    speakers: list[tuple[int, int, str, tuple[int, int]]] = field(default_factory=list)
    part_of: Event | None = None

    def put(self, name: str, value: Any, span: tuple[int, int]) -> None:
        """Keep the first value of a field; a date its own sentence states more precisely replaces it
        ("its second round this year, the company said on Tuesday": the Tuesday)."""
        old = self.values.get(name)
        sharper = (
            isinstance(old, str) and isinstance(value, str) and self.spans.get(name) == span
            and len(value) > len(old) and value.startswith(old)
        )  # fmt: skip
        if name not in self.values or sharper:
            self.values[name] = value
            self.spans[name] = span

    def has_figures(self) -> bool:
        return any(
            k in self.values
            for k in (
                "jobs_cut",
                "workforce_share_percent",
                "headcount_before",
                "headcount_after",
                "headcount_target",
                "cost",
            )
        )

    @property
    def type(self) -> tuple[str | None, tuple[int, int] | None]:
        kinds = set(self.cues)
        for cue, label in _TYPE_ORDER:
            if cue in kinds:
                if cue == "freeze" and "jobs_cut" in self.values and "cut" in kinds:
                    continue
                return label, self.cues[cue]
        return None, None
