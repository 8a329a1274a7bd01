"""Restructuring events: one per stated figure, attributed to the company the sentence is about.

A company's first current event is its main event: facts stated without a figure of their own
(reasons, units, channel, cost, deadline) attach to it. Figures said of the past ("bereits im
Oktober"), cumulative figures ("damit rund 30.000") and parts ("davon 700") are events of their
own and keep only what their sentence states.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from firmgraph.graph.extraction.rules import facets
from firmgraph.graph.extraction.rules.dates import DateMention, announced_value, may_hold_date
from firmgraph.graph.extraction.rules.discourse import Discourse
from firmgraph.graph.extraction.rules.eventbase import (
    AGGREGATE_RE,
    CHANNEL_RANK,
    CLOSURE_RE,
    FUTURE_RE,
    GUARANTEE_RE,
    JOB_WORD_RE,
    NOT_SPOKESPEOPLE,
    PAST_ANNOUNCED_RE,
    PAST_RE,
    PLAN_VERB_RE,
    SAVINGS_BEFORE,
    SINCE_RE,
    THIS_NUMBER_RE,
    Event,
)
from firmgraph.graph.extraction.rules.figures import Figure, clause_at, clauses, sentence_figures
from firmgraph.graph.extraction.rules.gazetteer import NOT_ACTORS
from firmgraph.graph.extraction.rules.money import Money
from firmgraph.graph.extraction.rules.orgs import OrgIndex
from firmgraph.graph.extraction.rules.people import Person
from firmgraph.graph.extraction.rules.text import Sentence

_SPEAKING_ROLES = {"CEO": 2, "Co-CEO": 2, "Spokesperson": 1, "VP Human Resources": 1, "HR Board Member": 1}


_APART_RE = re.compile(r"\b(?:unabhängig|separat\w*|separately|independent\w*|gesondert\w*)\b", re.I)
_IMPOSED_RE = re.compile(r"\b(?:verhängte\w*|eingeführte\w*|imposed|introduced)\b", re.I)
"""A measure dated as imposed earlier ("der im Februar 2024 verhängte Einstellungsstopp")."""
_TOTAL_COST_RE = re.compile(r"\b(?:in total|in all|insgesamt|gesamtkosten|total cost)\b", re.I)
_RESTATED_RE = re.compile(
    r"\b(?:das entspricht|entspricht|equivalent to|das sind|that is|or about|or roughly)\b", re.I
)
_WORKFORCE_RE = re.compile(r"\b(?:belegschaft|workforce|staff|mitarbeitenden|beschäftigten)\b", re.I)
_ORIGINAL_RE = re.compile(
    r"\b(?:ursprünglich|zunächst|anfangs|originally|initially)\b|\bhatte\b[^.;]{0,60}\bnoch\b", re.I
)  # "Am 5. Mai hatte Quillmark noch einen Abbau von acht Prozent angekündigt"
_CHARGE_RE = re.compile(
    r"\b(?:restructuring|restrukturierung\w*|severance|abfindung\w*|sozialplan\w*|einmalkosten|one-time (?:costs|charges)"
    r"|sonderbelastung\w*|umbaukosten)\b",
    re.I,
)


def _restates(s: Sentence) -> bool:
    """ "nun von rund zehn Prozent der Belegschaft, das entspricht etwa 410 Stellen": a share of the workforce
    restated as a count is the cut, without a cut word of its own."""
    return bool(_RESTATED_RE.search(s.text) and _WORKFORCE_RE.search(s.text))


def _cuts(event: Event) -> bool:
    """Whether the event cuts jobs (a figure or a cut word), so a freeze stated beside it is another event."""
    return (
        "jobs_cut" in event.values or "cut" in event.cues
    ) and "soft" not in event.cues  # else one of its methods


def _only_freeze(event: Event) -> bool:
    return "freeze" in event.cues and "cut" not in event.cues and not event.has_figures()


def _long_before_article(value: str, ref: date | None) -> bool:
    """A month before the article's, or a day at least six weeks before it (not last Wednesday's news)."""
    if ref is None or not _before_article(value, ref):
        return False
    return len(value) == 7 or (ref - date.fromisoformat(value[:10])).days >= 42


def _before_article(value: str, ref: date | None) -> bool:
    """Whether a date lies in a period wholly before the article's (a year, month or day earlier)."""
    return ref is not None and value < ref.isoformat()[: len(value)]


class EventFinder:
    """Walks the sentences once and builds the events of every company."""

    def __init__(
        self,
        text: str,
        sentences: list[Sentence],
        orgs: OrgIndex,
        discourse: Discourse,
        people: list[Person],
        *,
        lang: str | None,
        ref: date | None,
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.orgs = orgs
        self.discourse = discourse
        self.people = people
        self.lang = lang
        self.ref = ref
        self.events: list[Event] = []
        self.main: dict[str, Event] = {}
        self.freezes: dict[str, Event] = {}
        """A firm's hiring freeze when it also cuts jobs (its main event is the cut)."""
        self.related_paragraphs: set[int] = set()
        self._sentence_facets: dict[int, tuple[dict[str, tuple[int, int]], bool, list[facets.Hit]]] = {}
        self._sentence_units: dict[int, list[facets.Hit]] = {}

    # ------------------------------------------------------------ helpers
    def _actor(self, s: Sentence, pos: int | None) -> str | None:
        if not self.discourse.refs.get(s.index) and (speaker := self._speaker_of(s)):
            return speaker  # no firm named or pointed to: the firm of who speaks for it ("kündigte Geschäftsführer X an")
        key = self.discourse.focus(s, pos)
        org = self.orgs.get(key)
        if org is None or org.kind in NOT_ACTORS:
            return None
        return key

    def _units(self, s: Sentence) -> list[facets.Hit]:
        """The units a sentence names, less words of a firm's name ("Logistik" in "Westerhold Logistik")."""
        found = self._sentence_units.get(s.index)
        if found is None:
            names = [(m.start - s.start, m.end - s.start) for m in self.orgs.in_range(s.start, s.end)]
            found = [h for h in facets.units(s.text) if not any(a <= h[1] and h[2] <= b for a, b in names)]
            self._sentence_units[s.index] = found
        return found

    def _speaker_of(self, s: Sentence) -> str | None:
        """The firm of a person named in the sentence who speaks for a firm (an executive, a spokesperson)."""
        for person in self.people:
            org = self.orgs.get(person.org_key)
            if (
                org is not None
                and org.kind == "company"
                and person.role not in NOT_SPOKESPEOPLE
                and any(s.start <= a < s.end for a, _ in person.mentions)
            ):
                return person.org_key
        return None

    def _owner_if_unit(self, key: str | None) -> str | None:
        org = self.orgs.get(key)
        if org is not None and org.parent and key not in self.main:
            parent = self.orgs.key_of(org.parent)
            if parent and parent in self.main:
                return parent  # a unit without an event of its own: its facts go to its owner's plan
        return key

    def _status(self, s: Sentence, pos: int, dates: Sequence[DateMention] = ()) -> str:
        a, b = clause_at(s.text, pos)
        clause = s.text[a:b]
        if AGGREGATE_RE.search(clause):
            return "aggregate"
        if PAST_RE.search(clause):
            return "past"
        if not self._facets_of(s)[1] and not FUTURE_RE.search(s.text):
            # "In March, the insurer eliminated about 140 positions" in an August article: an earlier round
            dated = [d for d in dates if not d.deadline and a <= d.start < b and len(d.value) >= 7]
            if dated and all(_long_before_article(d.value, self.ref) for d in dated):
                return "past"
        return "current"

    def _main(self, key: str, s: Sentence) -> Event:
        return self._one_of(self.main, key, s)

    def _one_of(self, table: dict[str, Event], key: str, s: Sentence) -> Event:
        """The firm's event of this table (its main event, its hiring freeze), begun here if new."""
        event = table.get(key)
        if event is None:
            event = Event(key, "current", s.index)
            self.events.append(event)
            table[key] = event
        return event

    def _original_figure(self, s: Sentence, key: str, fig: Figure, dates: Sequence[DateMention]) -> bool:
        """ "Ursprünglich hatte die Geschäftsführung im Juni den Abbau von 260 Stellen angekündigt": the figure
        the programme started with, revised since. The programme keeps its stated figure and is dated
        by when it was first made public."""
        main = self.main.get(self._owner_if_unit(key) or key)
        a, _ = clause_at(s.text, fig.start)
        stated = main.values.get(fig.field) if main is not None else None
        if stated is None or stated == fig.value or not _ORIGINAL_RE.search(s.text[a : fig.start]):
            return False
        self._first_announced(main, s, dates)
        if fig.field == "jobs_cut":
            main.put("jobs_cut_revised_from", int(fig.value), self._span(s))
        return True

    def _first_announced(self, main: Event, s: Sentence, dates: Sequence[DateMention]) -> None:
        """A revised programme is dated by when it was first made public."""
        for d in dates:
            if not d.deadline and (day := announced_value(d, self.ref)):
                main.values["announced"], main.spans["announced"] = day, self._span(s)
                break

    def _facets_of(self, s: Sentence) -> tuple[dict[str, tuple[int, int]], bool, list[facets.Hit]]:
        """Cues, announcement and channels of a sentence, computed once per document walk."""
        found = self._sentence_facets.get(s.index)
        if found is None:
            found = (facets.cues(s.text), facets.announces(s.text), facets.channels(s.text))
            self._sentence_facets[s.index] = found
        return found

    def _span(self, s: Sentence) -> tuple[int, int]:
        return s.start, s.end

    # ------------------------------------------------------------ the walk
    def run(self) -> list[Event]:
        for s in self.sentences:
            self._sentence(s)
        for s in self.sentences:
            self._speakers(s)
        self._resolve_anaphoric_headcounts()
        self._heading_channel()
        self._subsidiary_parts()
        self._units_of_parts()
        return self.events

    def _subsidiary_parts(self) -> None:
        """A subsidiary's own cut, stated beside its owner's programme, is part of it ("Brackwede Hydraulik
        will still lose around 180 positions"), unless the text says it is apart ("Unabhängig von dem
        Programm streicht die Tochter ...")."""
        for event in self.events:
            org = self.orgs.get(event.org)
            if event.status != "current" or event.part_of is not None or org is None or not org.parent:
                continue
            whole = self.main.get(self.orgs.key_of(org.parent) or "")
            stated = self.sentences[event.anchor].text if event.anchor < len(self.sentences) else ""
            if (
                whole is not None
                and whole is not event
                and whole.status == "current"
                and "jobs_cut" in event.values
                and whole.values.get("jobs_cut", 0) > event.values["jobs_cut"]
                and not _APART_RE.search(stated)
            ):
                event.part_of = whole

    def _units_of_parts(self) -> None:
        """Where a part's cuts fall, the whole's fall too ("700 davon in Deutschland": the plan cuts in
        Germany); a subsidiary's part adds the subsidiary, not its own units."""
        for part in self.events:
            whole = part.part_of
            if whole is None:
                continue
            if part.org == whole.org:
                for value, span in part.units.items():
                    whole.units.setdefault(value, span)
            elif (org := self.orgs.get(part.org)) is not None:
                whole.units.setdefault(org.name, (part.spans.get("jobs_cut") or (0, 0)))

    def _heading_channel(self) -> None:
        """A page that is itself the announcement ("Ad-hoc-Mitteilung", "PRESS RELEASE" on a line of its own
        near the top): its channel is the main event's when no sentence names another."""
        for s in self.sentences:
            if s.paragraph > 3:
                return
            cues, _, channels = self._facets_of(s)
            if channels and not cues and len(s.text.split()) <= 8:
                event = self.main.get(self.discourse.primary or "")
                if event is not None and event.status == "current" and event.channel is None:
                    event.channel = (channels[0][0], self._span(s))
                return

    def _sentence(self, s: Sentence) -> None:
        cues, announce, channels = self._facets_of(s)
        if not cues and not channels:
            self._side_facts(s, announce)
            return
        self.related_paragraphs.add(s.paragraph)
        future = bool(FUTURE_RE.search(s.text)) and not PAST_ANNOUNCED_RE.search(s.text)
        planned = future or bool(PLAN_VERB_RE.search(s.text))
        cut_context = any(
            k in cues for k in ("cut", "neutral", "soft", "plan", "freeze", "anaphor")
        ) or _restates(s)
        sf = sentence_figures(
            s.text, lang=self.lang, ref=self.ref, future=future, planned=planned, cut_context=cut_context
        )
        span = self._span(s)
        touched: list[Event] = []
        current_for: Event | None = None
        parts_at: list[tuple[Event, int]] = []
        for fig in sf.figures:
            key = self._actor(s, s.start + fig.start)
            if key is None:
                continue
            if fig.field in {"jobs_cut", "workforce_share_percent"} and self._original_figure(
                s, key, fig, sf.dates
            ):
                continue
            status = "part" if fig.part else self._status(s, fig.start, sf.dates)
            regional = status == "current" and fig.field == "jobs_cut" and self._regional_share(key, fig, s)
            if regional:
                status = "part"  # "In Deutschland fallen knapp 900 Stellen weg", after the firm's 1,500
            if fig.field == "jobs_cut":
                event = self._event_for_count(key, status, fig.value, s, current_for)
                event.approx = event.approx or fig.approx
                event.put("jobs_cut", int(fig.value), span)
                if status == "part" and event is not current_for:
                    parts_at.append((event, fig.start))
                if regional and (opening := facets.leading_region(s.text)):
                    event.units.setdefault(opening[0], span)
                current_for = event
            else:
                event = current_for if current_for is not None and current_for.org == key else None
                if event is not None and event.status == "part" and event.part_of and not fig.part:
                    event = event.part_of  # the firm's whole staff, said beside a part's
                lone_headcount = fig.field == "headcount_before" and not any(
                    f.field in {"jobs_cut", "headcount_after"} for f in sf.figures
                )
                if event is None and lone_headcount:
                    if self._owner_if_unit(key) != key:
                        continue  # "die Tochter X mit rund 400 Beschäftigten": the unit's size, not the owner's
                    event = self._main(key, s)
                main = self.main.get(key)
                if event is None and status == "aggregate" and main is not None:
                    # "Damit fällt etwa jede achte Stelle weg": the share of the plan just stated
                    stated = main.values.get(fig.field)
                    if stated is not None and abs(stated - fig.value) <= 0.02 * max(stated, 1):
                        continue
                    if stated is None:
                        event = main
                if event is None:
                    if status == "current":
                        event = self._main(self._owner_if_unit(key) or key, s)
                    else:
                        event = next(
                            (e for e in touched if e.org == key and e.status == status), None
                        ) or self._new(key, status, s)
                event.put(
                    fig.field, fig.value if fig.field == "workforce_share_percent" else int(fig.value), span
                )
            if event not in touched:
                touched.append(event)
        key = self._actor(s, s.start + min((p[0] for p in cues.values()), default=0))
        sentence_status = self._status(s, min((p[0] for p in cues.values()), default=0))
        main = self.main.get(self._owner_if_unit(key) or "") if key else None
        if (
            not touched
            and announce
            and main is not None
            and main.has_figures()
            and _ORIGINAL_RE.search(s.text)
        ):
            # "Am 5. Mai hatte X noch einen Abbau von acht Prozent angekündigt": when the programme began
            self._first_announced(main, s, sf.dates)
            return
        target: Event | None = touched[0] if touched else None
        if target is None and key is not None and not cues and (announce or channels):
            # "hatte das Programm am Dienstag in einer Pressemitteilung vorgestellt": the known plan's announcement
            owner = self._owner_if_unit(key)
            if owner in self.main and self.main[owner].status == "current":
                target = self.main[owner]
        if (
            target is None
            and key is not None
            and (sentence_status == "past" or _IMPOSED_RE.search(s.text))
            and "freeze" in cues
            and any(_before_article(d.value, self.ref) for d in sf.dates)
        ):
            # "Schon im März hatte das Unternehmen einen Einstellungsstopp verhängt": an earlier measure
            target = self._new(self._owner_if_unit(key) or key, "past", s)
        if target is None and key is not None and sentence_status == "current" and (cues or announce):
            owner = self._owner_if_unit(key)
            known = owner in self.main
            if owner is not None and (
                known or (cues.keys() - {"neutral"} and (self.discourse.mentions_org(s) or "anaphor" in cues))
            ):
                target = self._main(owner, s)
        if target is None:
            return
        if "freeze" in cues and not touched and _cuts(target):
            target = self._freeze(target.org, s)  # "has also paused most hiring": a measure of its own
        for kind, (_a, _b) in cues.items():
            if kind != "anaphor":
                target.cues.setdefault(kind, span)
        for t in touched[1:]:
            for kind in cues:
                if kind != "anaphor":
                    t.cues.setdefault(kind, span)
        if sf.costs:
            self._put_cost(target, sf.costs[0], s)
        for d in sf.dates:
            if d.deadline and SAVINGS_BEFORE.search(s.text[max(0, d.start - 60) : d.start]):
                continue  # "saving $1.2 billion by 2028" is the savings goal, not the deadline of the cuts
            if d.deadline and not GUARANTEE_RE.search(s.text):
                target.put("effective_by", d.value, span)
            elif (
                not SINCE_RE.search(s.text[max(0, d.start - 8) : d.start])
                and (
                    announce
                    or channels
                    or target.status != "current"
                    or _before_article(d.value, self.ref)
                    or d.text.lower() in {"heute", "today"}  # "hat heute beschlossen": the article ties it
                )
                and (day := announced_value(d, self.ref))
            ):
                target.put("announced", day, span)  # a cut dated only by when it happened is dated so
        self._facets(s, target, cues)
        for part, at in parts_at:  # "rund 700 davon in Deutschland": the place is the part's
            _, end = clause_at(s.text, at)
            for value, start, _end in self._units(s):
                if part is not target and at <= start < end:
                    part.units.setdefault(value, span)
                    if target.units.get(value) == span:
                        del target.units[value]
        if channels and (announce or cues):
            label = channels[0][0]
            if target.channel is None or CHANNEL_RANK[label] > CHANNEL_RANK[target.channel[0]]:
                target.channel = (label, span)

    def _side_facts(self, s: Sentence, announce: bool) -> None:
        """A sentence without a trigger can still date the announcement, give reasons or the headcount."""
        key = self._owner_if_unit(self._actor(s, None))
        event = self.main.get(key) if key else None
        if event is None:
            return
        span = self._span(s)
        near = s.paragraph in self.related_paragraphs or s.paragraph - 1 in self.related_paragraphs
        if near and event.status == "current" and facets.names_affected(s.text):
            for value, _a, _b in self._units(s):
                event.units.setdefault(value, span)
        stated = facets.gives_reasons(s.text) and self.discourse.mentions_org(s)  # "Millbrook cited ..."
        if (
            (near or stated)
            and (facets.gives_reasons(s.text) or facets.reports(s.text))
            and not facets.is_speculative(s.text)
        ):
            for label, _, _ in facets.reasons(s.text, clauses(s.text)):
                event.reasons.setdefault(label, span)
        closing = near and event.status == "current" and bool(CLOSURE_RE.search(s.text))
        figures = bool(re.search(r"\d|(?i:tausend|thousand|million)", s.text))
        if not figures and not announce and not (closing and may_hold_date(s.text)):
            return
        future = bool(FUTURE_RE.search(s.text))
        restated = _restates(
            s
        )  # "zehn Prozent der Belegschaft, das entspricht etwa 410 Stellen": the cut again
        sf = sentence_figures(
            s.text, lang=self.lang, ref=self.ref, future=future, planned=future, cut_context=restated
        )
        if restated and near and event.status == "current":
            for fig in sf.figures:
                if fig.field in {"jobs_cut", "workforce_share_percent"}:
                    event.put(fig.field, fig.value if fig.field != "jobs_cut" else int(fig.value), span)
        # "expects restructuring charges of about €420 million", anywhere in the article
        charged = near or bool(_CHARGE_RE.search(s.text))
        if charged and event.status == "current" and sf.costs:
            self._put_cost(event, sf.costs[0], s)
        if closing:
            for d in sf.dates:
                if d.deadline and not GUARANTEE_RE.search(s.text):
                    event.put("effective_by", d.value, span)
        for fig in sf.figures:
            if fig.field == "headcount_before" and self._actor(s, s.start + fig.start) in {key, event.org}:
                event.put("headcount_before", int(fig.value), span)
                # a cut stated for Germany has Germany's staff as its population ("6,500 of them in Germany")
                scoped = facets.regional_headcounts(s.text, self.lang)
                region = next((scoped[u.lower()] for u in event.units if u.lower() in scoped), None)
                if region is not None and event.status == "current":
                    event.values["headcount_before"], event.spans["headcount_before"] = int(region), span
        if announce and near:
            for d in sf.dates:
                if (
                    not d.deadline
                    and not SINCE_RE.search(s.text[max(0, d.start - 8) : d.start])
                    and (day := announced_value(d, self.ref))
                ):
                    event.put("announced", day, span)

    def _facets(self, s: Sentence, target: Event, cues: dict[str, tuple[int, int]]) -> None:
        span = self._span(s)
        if target.status == "current" and not facets.is_speculative(s.text):
            about_org = (
                self.discourse.mentions_org(s)
                or "anaphor" in cues
                or target.anchor == s.index
                or self._owner_if_unit(self._speaker_of(s)) == target.org  # "Vorstandschef X begründete ..."
            )
            if about_org:
                for label, _, _ in facets.reasons(s.text, clauses(s.text)):
                    target.reasons.setdefault(label, span)
        elif target.status == "past" and target.anchor == s.index:
            # "cut 400 jobs in 2022 as part of an earlier cost-cutting drive": the earlier step's own reasons and units
            for label, _, _ in facets.reasons(s.text, []):
                target.reasons.setdefault(label, span)
            for value, _a, _b in self._units(s):
                target.units.setdefault(value, span)
        elif target.status == "part" and target.anchor == s.index:
            # "Rund 190 der Stellen entfallen auf die Montage in Lenzburg": the part's own units
            for value, _a, _b in self._units(s):
                target.units.setdefault(value, span)
        for label, _, _ in facets.methods(s.text):
            target.methods.setdefault(label, span)
        if target.status == "current" and (
            any(k in cues for k in ("cut", "neutral", "anaphor", "plan", "freeze", "soft"))
            or CLOSURE_RE.search(s.text)
        ):
            subsidiaries = [
                m
                for m in self.orgs.in_range(s.start, s.end)
                if self.orgs.orgs[m.key].parent and m.key != target.org
            ]
            unit_hits = self._units(s)
            for m in subsidiaries:
                if self.orgs.key_of(self.orgs.orgs[m.key].parent or "") == target.org:
                    unit_hits = [
                        h for h in unit_hits if not (h[1] < m.end - s.start and h[2] >= m.start - s.start - 2)
                    ]
                    target.units.setdefault(self.orgs.orgs[m.key].name, span)
            anchors = [a for a, _ in cues.values()] + [m.start() for m in JOB_WORD_RE.finditer(s.text)]
            for value, a, b in unit_hits:
                if facets.is_unit_phrase(s.text, a, b) and not any(abs(a - x) < 70 for x in anchors):
                    continue  # "losses in its foundry business" is not where the cuts fall
                target.units.setdefault(value, span)

    def _regional_share(self, key: str, fig: Figure, s: Sentence) -> bool:
        """A smaller cut a sentence states for one country or region, after the firm's total."""
        main = self.main.get(key)
        total = main.values.get("jobs_cut") if main is not None and main.anchor != s.index else None
        if total is None or fig.value >= total:
            return False
        a, b = clause_at(s.text, fig.start)
        return facets.leading_region(s.text) is not None or any(a <= h[1] < b for h in facets.scopes(s.text))

    def _put_cost(self, event: Event, money: Money, s: Sentence) -> None:
        """The first cost stated, unless a later one is the programme's total ("120 to 135 million in total")."""
        if "cost" in event.values and not _TOTAL_COST_RE.search(s.text):
            return
        event.values.pop("cost", None)
        event.put("cost", (money.low, money.high, money.currency), self._span(s))

    def _event_for_count(
        self, key: str, status: str, value: float, s: Sentence, whole: Event | None = None
    ) -> Event:
        """The event a stated count belongs to; a part ("rund 700 davon in Deutschland") is part of the
        cut its sentence stated before it (`whole`), else of the firm's main event."""
        for e in self.events:
            if e.org == key and "jobs_cut" in e.values and abs(e.values["jobs_cut"] - value) <= 0.02 * value:
                return e
        if status == "current":
            main = self.main.get(key)
            if main is None:
                return self._main(key, s)
            if _only_freeze(main):
                # the firm froze hiring first and cuts jobs too: the cut is its main event, the freeze stays apart
                del self.main[key]
                self.freezes[key] = main
                return self._main(key, s)
            if "jobs_cut" not in main.values:
                return main
            event = self._new(key, "current", s)
            return event
        event = self._new(key, status, s)
        if status == "part":
            event.part_of = whole if whole is not None and whole.org == key else self.main.get(key)
        return event

    def _freeze(self, key: str, s: Sentence) -> Event:
        """The firm's hiring freeze beside its cuts (one per firm)."""
        return self._one_of(self.freezes, key, s)

    def _new(self, key: str, status: str, s: Sentence) -> Event:
        event = Event(key, status, s.index)
        self.events.append(event)
        if status == "current" and key not in self.main:
            self.main[key] = event
        org = self.orgs.get(key)
        if org is not None and org.parent:
            parent_key = self.orgs.key_of(org.parent)
            if parent_key and parent_key in self.main:
                event.part_of = self.main[parent_key]
        return event

    # ------------------------------------------------------------ who announced (priority of a role)
    def _speakers(self, s: Sentence) -> None:
        cues, announce, channels = self._facets_of(s)
        if not announce and not facets.speaks(s.text):
            return
        for person in self.people:
            for a, _b in person.mentions:
                if not (s.start <= a < s.end):
                    continue
                if person.role in NOT_SPOKESPEOPLE:
                    break
                key = person.org_key or self._actor(s, a)
                key = self._owner_if_unit(key)
                event = self.main.get(key) if key else None
                if event is None:
                    continue
                rank = 0
                if cues or channels:
                    rank = 2 if channels else 1
                elif person.role not in _SPEAKING_ROLES:
                    continue
                # the first who wrote the memo or post, else the CEO over other executives, then the cue
                rank = 100 if rank == 2 else 10 * _SPEAKING_ROLES.get(person.role or "", 0) + rank
                event.speakers.append((rank, -s.index, person.name, (s.start, s.end)))
                break

    def _resolve_anaphoric_headcounts(self) -> None:
        """ "diese Zahl weiter auf 2.000 senken": the plan starts from the figure the text gave last."""
        for event in self.events:
            if "headcount_target" not in event.values or "headcount_before" in event.values:
                continue
            start, _ = event.spans["headcount_target"]
            s = next(x for x in self.sentences if x.start == start)
            if not THIS_NUMBER_RE.search(s.text):
                continue
            earlier = [
                e for e in self.events if e is not event and e.org == event.org and "headcount_after" in e.values
                and e.spans["headcount_after"][0] < start
            ]  # fmt: skip
            if earlier:
                prev = max(earlier, key=lambda e: e.spans["headcount_after"][0])
                event.put("headcount_before", prev.values["headcount_after"], prev.spans["headcount_after"])
