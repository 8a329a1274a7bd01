"""The figures of one sentence and what they measure: jobs cut, headcount before / after /
target, share of the workforce, restructuring cost, and the dates that go with them."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date

from firmgraph.graph.extraction.rules.dates import DateMention, find_dates
from firmgraph.graph.extraction.rules.lexicon import CUT, HIRING, JOB_NOUN, PART_MARKERS, WORKFORCE_NOUN
from firmgraph.graph.extraction.rules.money import Money, find_money
from firmgraph.graph.extraction.rules.numbers import APPROX, find_quantities

_APPROX_OPT = rf"(?:(?:{APPROX})\s+)?"
_ADJ = r"(?:(?-i:[a-zäöüß][\w-]*)\s+){0,3}"
_JOB_AFTER = re.compile(
    rf"^\s+{_ADJ}(?:{JOB_NOUN}|redundancies|layoffs|lay-offs|job cuts|job losses|entlassungen|kündigungen"
    rf"|stellenstreichungen)(?![\w])",
    re.I,
)  # "900 redundancies": the count of the cuts
_OF_TOTAL = re.compile(
    rf"^\s+(?:der|von|of|seiner|ihrer|its|their|the|aller|insgesamt)(?:\s+(?:its|their|the|seiner|ihrer|den))?\s+"
    rf"(?:(?:insgesamt|total|gesamt|global|weltweit|zuletzt|derzeit|aktuell|noch|dort|current|remaining)\s+)?"
    rf"{_APPROX_OPT}(?P<n>\S+)",
    re.I,
)
_ADVERBS = r"(?:(?:weltweit|insgesamt|global|worldwide|globally|derzeit|aktuell|currently|noch|still|zuletzt|rund|etwa)\s+)*"
_HEADCOUNT_BEFORE = re.compile(
    rf"\b(?:belegschaft|mitarbeiterzahl|beschäftigtenzahl|workforce|headcount|staff|personalstand|personal)\s+"
    rf"(?:von|of|mit)\s+{_ADVERBS}{_APPROX_OPT}$"
    rf"|\b(?:(?-i:beschäftigt\w*)|employs?|employed|employing|had a workforce of|zählt|zählte)\s+(?:[\w-]+\s+){{0,3}}{_APPROX_OPT}$"
    rf"|\b(?:has|had|hat|hatte|mit|with)\s+{_ADVERBS}{_APPROX_OPT}$",
    re.I,
)
_EMPLOYED_AFTER = re.compile(
    rf"^\s+{_ADJ}(?:{JOB_NOUN})\s+(?:\w+\s+){{0,3}}(?:beschäftigt|arbeiten|arbeitet|tätig|work|working|are employed|employed)",
    re.I,
)
_OF_THE = r"(?:of its|of their|of the|der|des|seiner|ihrer|aller|von insgesamt|von|of)"
_IN_ALL = r"(?:(?:total|insgesamt|gesamt|zuletzt|derzeit|aktuell|current|weltweit|worldwide|global)\s+)?"
# "750 of its 5,000", "neun Prozent der weltweit 16.800": the total a figure or share is taken of
_OF_ITS_BEFORE = re.compile(rf"(?:{_OF_THE}|of (?:the )?[\w&-]+['’]s)\s+{_IN_ALL}{_APPROX_OPT}$", re.I)
_BASE_OF_SHARE = re.compile(rf"^\s+{_OF_THE}\s+{_IN_ALL}{_APPROX_OPT}$", re.I)
_POPULATION_FIRST = re.compile(
    rf"(?:^|[,;:]\s*)(?i:von den|von ihren|von seinen|of the|of its|out of(?: its| the)?)\s+"
    rf"(?:(?:dort|derzeit|aktuell|zuletzt|insgesamt|weltweit|current)\s+)?{_APPROX_OPT}$"
)
_HEADCOUNT_NOUN_AFTER = re.compile(rf"^\s+{_ADJ}(?:{WORKFORCE_NOUN}|menschen|people|leute)", re.I)
_WORKFORCE_OF = re.compile(
    rf"\b(?:workforce|belegschaft|staff|headcount|payroll)\s+(?:of|von)\s+{_ADVERBS}{_APPROX_OPT}$", re.I
)
_NOT_CUT = re.compile(
    r"\b(?:not (?:be )?(?:affected|impacted)|nicht (?:\w+ )?betroffen|unaffected"
    r"|(?:of (?:the|those|them)|der|davon)\b[^.;]{0,60}\b(?:currently |derzeit )?(?:vacant|unbesetzt)"
    r"|keep their jobs|behalten ihre|bleiben erhalten|will be (?:offered|moved|transferred)|wechseln (?:\w+ ){0,4}in"
    r"|^\s*ob|whether|represents|representing|vertritt|vertreten|organisiert)\b",
    re.I,
)
_PART_OF_CUT_AFTER = re.compile(
    rf"^\s+(?:(?:of (?:the|those|these)|der|dieser)\s+(?:(?:betroffenen|wegfallenden|gestrichenen|affected|planned)\s+)?"
    rf"(?:{JOB_NOUN}|cuts|reductions|layoffs|kürzungen)(?![\w])|davon\s+(?:in|im|am|bei|an)\s)",
    re.I,
)
_COORDINATED = re.compile(
    r"^[^.;:\d]{0,80}?(?:,\s*|\s)(?:and|und|sowie|plus)\s+(?:(?:another|a further|further|weitere|nochmals|rund|etwa|about"
    r"|around|roughly)\s+)*$",
    re.I,
)
_REVISION_AFTER = re.compile(rf"^\s+(?:statt|anstatt|instead of|rather than)\s+{_APPROX_OPT}[\d.,]+", re.I)
_SUPERSEDED = re.compile(
    rf"\b(?:statt|anstatt|anstelle von|instead of|rather than|nicht mehr|no longer|zunächst geplanten|originally planned"
    rf"|up from|down from|,\s+from|gegenüber)"
    rf"\s+(?:der\s+|den\s+|the\s+)?(?:(?:ursprünglich|zunächst|bisher|previously|originally|initially)\s+)?"
    rf"(?:(?:geplanten|angekündigten|planned|announced)\s+)?{_APPROX_OPT}$",
    re.I,
)
_FROM_TO = re.compile(
    rf"(?:von|from)\s+(?:(?:derzeit|heute|aktuell|bisher|rund|current(?:ly)?|today)\s+)?{_APPROX_OPT}$", re.I
)
_TO = re.compile(r"(?<!\bup )(?<!cuts )(?<!layoffs )(?<!abbau )(?:auf|to)\s+$", re.I)
"""A fall to a headcount; not "up to" (a bound), nor "widens job cuts to 1,300" (the cut itself)."""
_SHARE_AFTER = re.compile(
    rf"^\s*(?:(?:der|seiner|ihrer|des|aller|unserer|of|of its|of the|of their|of all)\s+)?"
    rf"(?:(?:weltweit|worldwide|insgesamt|derzeit|zuletzt|noch)\s+)?(?:{_APPROX_OPT}[\d.,]+\s+)?"
    rf"(?:[\w-]+['’]s\s+)?(?:(?:gesamten|globalen|weltweiten|weltweit|eigenen|total|global|entire|overall|worldwide"
    rf"|corporate|current)\s+)?[\w-]*(?:{WORKFORCE_NOUN})",
    re.I,
)
# "one in six store employees", "jede zehnte Stelle", "zwölf Prozent der zuletzt 92.000 Beschäftigten",
# "a third of the site's 4,100-strong workforce": the staff noun within a few words, no clause break
_SHARE_NEAR_AFTER = re.compile(
    rf"^(?:[^,.;:!?]|(?<=\d)[.,](?=\d)){{0,45}}?(?<![\w-])(?:{WORKFORCE_NOUN}|stelle|job|position|role)(?![\w])",
    re.I,
)
_SHARE_BEFORE = re.compile(rf"(?:{WORKFORCE_NOUN})\s+(?:\w+\s+){{0,2}}(?:um|by)\s+{_APPROX_OPT}$", re.I)
_PART_NEAR = re.compile(PART_MARKERS, re.I)
_HIRING_NEAR = re.compile(HIRING, re.I)
_COST_WORDS = re.compile(
    r"kosten|aufwendungen|aufwand|belastung\w*|rückstellung\w*|abfindung\w*|sonderbelastung\w*|einmalkosten|ausgaben"
    r"|beziffert|costs?|charges?|expenses?|severance|restructuring|incur\w*|writedowns?|impairment",
    re.I,
)
_NOT_COST = re.compile(
    r"einspar\w*|spar(?:en|t|te)\b|ersparnis\w*|investi\w*|umsatz\w*|gewinn\w*|dividende\w*|kauf\w*|übernahme\w*"
    r"|bewertung|börsenwert|marktwert|wert von|savings?|\bsave\w*|invest\w*|revenue\w*|sales|profit\w*|dividend\w*"
    r"|acqui\w*|valuation|market (?:value|cap\w*)|capex|capital expenditure\w*|buyback\w*|worth",
    re.I,
)
_JOBS_NUMBER_TO = re.compile(
    rf"\b(?:number of (?:jobs|positions|roles|job cuts|layoffs|redundancies)|zahl der (?:zu streichenden |wegfallenden )?"
    rf"(?:stellen|arbeitsplätze))\b[^.;]{{0,90}}\b(?:to|auf)\s+{_APPROX_OPT}$",
    re.I,
)
_STAFF_BY = re.compile(
    rf"(?:reduc\w*|cut\w*|trim\w*|shrink\w*|verringer\w*|reduzier\w*|senk\w*|verkleiner\w*)\s+(?:its|the|their"
    rf"|seine[nm]?|ihre[nm]?|die|den)\s+(?:[\w-]+\s+)?(?:staff|workforce|headcount|belegschaft|personal|personalbestand"
    rf"|mitarbeiterzahl)\s+(?:um|by)\s+{_APPROX_OPT}$",
    re.I,
)
_EMPLOYS_BEFORE = re.compile(
    rf"\b(?:employs|employed|employing|beschäftigt\w*|zählt)\s+(?:\w+\s+){{0,2}}{_APPROX_OPT}$", re.I
)
_REDUCE = re.compile(
    r"(?:reduzier|senk|verkleiner|schrumpf|verringer|reduc|cut|shrink|lower|abbau|trim)\w*", re.I
)
_CUT_NEAR = re.compile(rf"(?<![\w])(?:{CUT})(?![\w])|streich|abbau|entlass|wegfall", re.I)
_CLAUSE_SPLIT = re.compile(
    r"[;–—]|,\s+(?=(?:und|aber|während|doch|sowie|and|but|while|which|das|die|der)\b)|\s+(?:und|and)\s+(?=(?:\w+\s+)?(?:hatte|hat|had|has)\b)"
)


@dataclass(frozen=True)
class Figure:
    """A number that measures something about an event."""

    field: str
    """jobs_cut, headcount_before, headcount_after, headcount_target, workforce_share_percent, jobs_cut_revised_from"""
    value: float
    approx: bool
    start: int
    end: int
    part: bool = False


@dataclass(frozen=True)
class SentenceFigures:
    figures: list[Figure]
    costs: list[Money]
    dates: list[DateMention]


def clauses(text: str) -> list[tuple[int, int]]:
    """Clause boundaries of a sentence (dashes, semicolons, coordinated main clauses)."""
    bounds = [0]
    for m in _CLAUSE_SPLIT.finditer(text):
        bounds.append(m.start())
    bounds.append(len(text))
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def clause_at(text: str, pos: int) -> tuple[int, int]:
    for a, b in clauses(text):
        if a <= pos < b:
            return a, b
    return 0, len(text)


def sentence_figures(
    text: str, *, lang: str | None, ref: date | None, future: bool, planned: bool, cut_context: bool
) -> SentenceFigures:
    """Classify the numbers of a sentence. `planned`: a plan or future tense (auf N -> target)."""
    money = find_money(text, lang=lang)
    dates = find_dates(text, ref, future=future)
    blocked = [(m.start, m.end) for m in money] + [(d.start, d.end) for d in dates]
    quantities = [
        q for q in find_quantities(text, lang=lang) if not any(q.start < e and q.end > s for s, e in blocked)
    ]
    figures: list[Figure] = []
    used: set[int] = set()
    for i, q in enumerate(quantities):
        if i in used:
            continue
        before = text[max(0, q.start - 60) : q.start]
        after = text[q.end : q.end + 60]
        if q.kind in {"percent", "fraction"}:
            near = text[max(0, q.start - 25) : q.end + 25]
            if _PART_NEAR.search(near) and not _SHARE_AFTER.match(after):
                continue  # "knapp zwei Drittel davon": a share of the cut, not of the workforce
            if _SHARE_AFTER.match(after) or _SHARE_BEFORE.search(before) or _SHARE_NEAR_AFTER.match(after):
                figures.append(Figure("workforce_share_percent", q.value, q.approx, q.start, q.end))
            continue
        if q.value != int(q.value) or q.value < 1:
            continue
        if 1900 <= q.value <= 2100 and q.text.isdigit() and not _JOB_AFTER.match(after):
            continue
        if ref is not None and q.text.isdigit() and abs(q.value - ref.year) <= 1:
            continue  # "Diese Unternehmen bauen 2025 Stellen ab": the year, not 2,025 jobs
        nxt = quantities[i + 1] if i + 1 < len(quantities) else None
        prev = quantities[i - 1] if i > 0 else None
        clause = text[slice(*clause_at(text, q.start))]
        # "von 5.000 auf 3.800"
        if (
            nxt
            and nxt.kind == "count"
            and _FROM_TO.search(before)
            and re.match(r"^\s+(?:auf|to)\s+" + _APPROX_OPT + r"$", text[q.end : nxt.start], re.I)
        ):
            figures.append(Figure("headcount_before", q.value, q.approx, q.start, q.end))
            field = "headcount_target" if planned else "headcount_after"
            figures.append(Figure(field, nxt.value, nxt.approx, nxt.start, nxt.end))
            used.add(i + 1)
            continue
        if _JOBS_NUMBER_TO.search(
            text[max(0, q.start - 150) : q.start]
        ):  # "the number of jobs ... to about 950"
            figures.append(Figure("jobs_cut", q.value, q.approx, q.start, q.end))
            continue
        if (
            _TO.search(before)
            and (_HEADCOUNT_NOUN_AFTER.match(after) or cut_context)
            and _REDUCE.search(clause)
        ):
            field = "headcount_target" if planned else "headcount_after"
            figures.append(Figure(field, q.value, q.approx, q.start, q.end))
            continue
        # "Von den dort rund 1.800 Beschäftigten sollen 850 Stellen wegfallen": the population first
        if nxt and nxt.kind == "count" and _POPULATION_FIRST.search(before) and _JOB_AFTER.match(after):
            figures.append(Figure("headcount_before", q.value, q.approx, q.start, q.end))
            continue
        # "750 der etwa 5000 Vollzeitkräfte" / "750 of its 5,000 employees"
        total = _OF_TOTAL.match(after)
        if (
            total
            and nxt
            and nxt.kind == "count"
            and nxt.start == q.end + total.start("n")
            and _JOB_AFTER.match(text[nxt.end : nxt.end + 60])
        ):
            if _EMPLOYS_BEFORE.search(before):
                # "where Halvorsen employs about 5,200 of its 8,400 staff": the part's staff, then the firm's
                figures.append(Figure("headcount_before", q.value, q.approx, q.start, q.end, True))
            elif cut_context:
                figures.append(Figure("jobs_cut", q.value, q.approx, q.start, q.end, _is_part(before)))
            figures.append(Figure("headcount_before", nxt.value, nxt.approx, nxt.start, nxt.end))
            used.add(i + 1)
            continue
        if _SUPERSEDED.search(before):
            # "190 statt 260 Stellen", "now 1,800 instead of 1,200": the figure the revision replaced
            if cut_context and any(f.field == "jobs_cut" for f in figures):
                figures.append(Figure("jobs_cut_revised_from", q.value, q.approx, q.start, q.end))
            continue
        # "190 statt 260 Stellen": the job noun after the figure the revision replaced
        job = (
            _JOB_AFTER.match(after)
            or _JOB_AFTER.match(_REVISION_AFTER.sub("", after))
            or _STAFF_BY.search(before)  # "reduce its newsroom staff by about 90"
        )
        if _NOT_CUT.search(clause):
            continue  # "the 75 employees of the unit are not affected", "160 of the positions are vacant"
        if re.match(
            r"^-(?:strong|person|employee|member|people)\b", after
        ):  # "its 4,100-strong workforce", "14,200-person"
            figures.append(Figure("headcount_before", q.value, q.approx, q.start, q.end))
            continue
        if (
            (_HEADCOUNT_BEFORE.search(before) and _HEADCOUNT_NOUN_AFTER.match(after))
            or _WORKFORCE_OF.search(before)  # "about 5% of its global workforce of roughly 9,000"
            or (  # "etwa neun Prozent der weltweit 16.800 Beschäftigten": the share's base
                prev is not None
                and prev.kind in {"percent", "fraction"}
                and _BASE_OF_SHARE.match(text[prev.end : q.start])
                and job
            )
            or _EMPLOYED_AFTER.match(after)
            or (
                prev is not None
                and not (prev.text.isdigit() and 1900 <= prev.value <= 2100)
                and q.start - prev.end < 40
                and _OF_ITS_BEFORE.search(before)
                and job
            )
        ):
            # "entfallen auf Deutschland, wo Kronwerk gut 5.100 Menschen beschäftigt": the place's staff
            where = bool(re.search(r"\b(?:wo|where)\b[^,.;]*$", before, re.I))
            figures.append(Figure("headcount_before", q.value, q.approx, q.start, q.end, where))
            continue
        part = _is_part(before, after)
        job = job or _PART_OF_CUT_AFTER.match(after)  # "120 of the cuts": the figure is a part of the cut
        coordinated = (
            not job
            and bool(figures)
            and figures[-1].field == "jobs_cut"
            and prev is not None
            and bool(_COORDINATED.search(text[prev.end : q.start]))
        )  # "214 employees at its campus in Austin and 37 at a center in San Antonio", "and another 900"
        # "davon 900": a part of the cut the sentence states, as a figure or as a fall from one headcount to another
        stated_cut = any(f.field in {"jobs_cut", "headcount_target", "headcount_after"} for f in figures)
        if (job or coordinated or (part and stated_cut)) and cut_context:
            between = after[: job.end()] if job else ""
            if _HIRING_NEAR.search(between) or (_HIRING_NEAR.search(clause) and not _CUT_NEAR.search(clause)):
                continue
            figures.append(Figure("jobs_cut", q.value, q.approx, q.start, q.end, part))
    costs = [m for m in money if _is_cost(text, m)]
    return SentenceFigures(figures, costs, dates)


def _is_part(before: str, after: str = "") -> bool:
    """ "davon 700", "including 300" before the figure, or "280 of the jobs", "190 der betroffenen Stellen" after it."""
    if _PART_OF_CUT_AFTER.match(after):
        return True
    return bool(
        re.search(
            r"(?:davon|darunter|of (?:them|those|which)|including|allein)\s+" + _APPROX_OPT + "$",
            before,
            re.I,
        )
        or re.search(
            r"(?:^|[.;:]\s+)(?:Davon|Darunter|Of (?:them|those|these))\s+(?:\w+\s+){0,3}" + _APPROX_OPT + "$",
            before,
        )
    )


def _is_cost(text: str, money: Money) -> bool:
    a, b = clause_at(text, money.start)
    clause = text[a:b]
    window = text[max(a, money.start - 90) : min(b, money.end + 40)]
    near = text[max(a, money.start - 50) : min(b, money.end + 12)]
    return bool(_COST_WORDS.search(window)) and not _NOT_COST.search(
        near if _COST_WORDS.search(near) else clause
    )
