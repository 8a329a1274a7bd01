"""The rule-based extractor: sentences, organisations, people, events, filings and quotes of an
article, as a record of the gold JSON shape with an evidence span for every stated fact."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from firmgraph.graph.extraction.rules.dates import parse_iso
from firmgraph.graph.extraction.rules.discourse import OWNER_AFTER, Discourse
from firmgraph.graph.extraction.rules.events import Event, EventFinder
from firmgraph.graph.extraction.rules.filings import Filing, find_filings
from firmgraph.graph.extraction.rules.orgbase import Org
from firmgraph.graph.extraction.rules.orgs import OrgIndex, find_orgs
from firmgraph.graph.extraction.rules.people import Person, find_people
from firmgraph.graph.extraction.rules.quotes import Quote, find_quotes
from firmgraph.graph.extraction.rules.text import Sentence, span, split_sentences
from firmgraph.graph.sources.document import Document
from firmgraph.graph.sources.language import detect_language

_EVENT_FIELDS = (
    "jobs_cut",
    "workforce_share_percent",
    "headcount_before",
    "headcount_after",
    "headcount_target",
    "jobs_cut_revised_from",
)


class RuleExtractor:
    """Deterministic, pattern-based extraction for German and English business news."""

    name = "rules"
    version = "0.1.0"

    def extract(self, doc: Document) -> dict[str, Any]:
        text = doc.text
        lang = doc.language or detect_language(text)
        sentences = split_sentences(text)
        orgs = find_orgs(text, publisher=doc.publisher)
        people = find_people(text, orgs)
        _drop_people_as_orgs(orgs, people)
        primary = _primary(orgs, sentences, doc.title)
        discourse = Discourse(text, sentences, orgs, primary)
        _assign_people(people, sentences, discourse, orgs)
        finder = EventFinder(text, sentences, orgs, discourse, people, lang=lang, ref=parse_iso(doc.date))
        events = finder.run()
        quotes = find_quotes(text, sentences, people, orgs, discourse.focus)

        def actor(s: Sentence, pos: int | None) -> str | None:
            return finder._owner_if_unit(finder._actor(s, pos))

        filings = find_filings(sentences, orgs, actor)
        subjects = _subjects(text, orgs, events, sentences, doc.title, primary)
        events = [
            e
            for e in events
            if e.has_figures()
            or (e.org in subjects and e is finder.main.get(e.org))
            or e is finder.freezes.get(e.org)
            or (e is finder.main.get(e.org) and e.type[0] == "hiring_freeze")
            or (e.status == "past" and e.type[0] == "hiring_freeze")  # "hatte im März Einstellungen gestoppt"
        ]
        return {
            "article": {"title": doc.title, "date": doc.date, "language": lang, "publisher": doc.publisher},
            "organizations": _organizations(text, orgs, subjects),
            "people": _people(text, people, orgs),
            "events": _events(text, events, orgs),
            "filings": _filings(text, filings),
            "quotes": _quotes(text, quotes, orgs),
        }


def _drop_people_as_orgs(orgs: OrgIndex, people: list[Person]) -> None:
    """A person's name taken for a firm goes; a firm named before its founder's family member stays
    ("Kestermann ... managing director Sabine Kestermann")."""
    names = {p.name for p in people}
    surnames = {p.surname: p.name_span[0] for p in people}

    def person_like(o: Org) -> bool:
        if o.name in names:
            return True
        first = min((m[0] for m in o.mentions), default=None)
        return o.name in surnames and (first is None or first >= surnames[o.name])

    for key in [k for k, o in orgs.orgs.items() if person_like(o)]:
        del orgs.orgs[key]
    orgs.mentions = [m for m in orgs.mentions if m.key in orgs.orgs]


def _companies(orgs: OrgIndex) -> dict[str, Any]:
    return {k: o for k, o in orgs.orgs.items() if o.kind == "company"}


def _primary(orgs: OrgIndex, sentences: list[Sentence], title: str | None) -> str | None:
    companies = _companies(orgs)
    if title and sentences and sentences[0].text.startswith(title[:20]):
        in_title = [
            m
            for m in orgs.in_range(sentences[0].start, sentences[0].end)
            if m.key in companies and not OWNER_AFTER.match(sentences[0].text[m.end - sentences[0].start :])
        ]  # "Aldana's Vireo brand to cut ...": the brand is the subject
        if in_title:
            return in_title[0].key
    counts = Counter(m.key for m in orgs.mentions if m.key in companies)
    return counts.most_common(1)[0][0] if counts else None


def _assign_people(
    people: list[Person], sentences: list[Sentence], discourse: Discourse, orgs: OrgIndex
) -> None:
    for person in people:
        if person.org_key is not None:
            continue
        s = next((x for x in sentences if x.start <= person.name_span[0] < x.end), None)
        if s is None:
            continue
        # the firm named before the person in the sentence, else the one the text is about there; a firm
        # named only after the person ("…verwies auf die Konkurrenz durch Temu") is the last resort
        pos = person.name_span[0]
        before = [r for r in discourse.refs.get(s.index, []) if r.end <= pos]
        key = before[-1].key if before else discourse.topic.get(s.index) or discourse.focus(s, pos)
        org = orgs.get(key)
        if org is not None and org.kind in {"company", "union"}:
            person.org_key = key
    for person in people:
        # a works council belongs to the company, not to the union named beside it
        org = orgs.get(person.org_key)
        if person.role == "Works Council Chair" and org is not None and org.kind == "union":
            s = next((x for x in sentences if x.start <= person.name_span[0] < x.end), None)
            topic = discourse.topic.get(s.index) if s else None
            person.org_key = topic if topic and orgs.orgs[topic].kind == "company" else discourse.primary


def _subjects(
    text: str,
    orgs: OrgIndex,
    events: list[Event],
    sentences: list[Sentence],
    title: str | None,
    primary: str | None,
) -> set[str]:
    counts = Counter(m.key for m in orgs.mentions)
    # a union, outlet or regulator is not the firm whose restructuring the article is about, nor is a
    # platform named only as the medium ("in a LinkedIn post")
    with_events = {
        e.org
        for e in events
        if e.status == "current"
        and (e.has_figures() or e.cues)
        and orgs.orgs[e.org].kind == "company"
        and not _only_a_medium(text, orgs.orgs[e.org])
    }
    title_keys: set[str] = set()
    if title and sentences and sentences[0].text.startswith(title[:20]):
        title_keys = {m.key for m in orgs.in_range(sentences[0].start, sentences[0].end)}
    subjects = {k for k in with_events if k in title_keys}
    if with_events:
        if not subjects:
            subjects = {max(with_events, key=lambda k: (counts[k], -min(orgs.orgs[k].mentions)[0]))}
        top = max(counts[k] for k in subjects)
        # a second company is a subject only when the article is about it as much
        subjects |= {k for k in with_events if counts[k] >= max(3, 0.75 * top) and not orgs.orgs[k].parent}
    # an article without a restructuring event has no subject (a CFO change, a denied rumour)
    # a unit with its own share of a subject's cut ("Bei der Tochter X fallen 600 Stellen weg") is a subject too
    for e in events:
        owner = orgs.key_of(orgs.orgs[e.org].parent or "")
        if (
            e.has_figures()
            and e.status in {"current", "part"}
            and (owner in subjects or (e.part_of is not None and e.part_of.org in subjects))
        ):
            subjects.add(e.org)
    return subjects


_MEDIUM_AFTER = (
    "post",
    "posting",
    "beitrag",
    "page",
    "profile",
    "account",
    "video",
    "thread",
    "-post",
    "-beitrag",
)


_MEDIUM_BEFORE = re.compile(r"(?i:\b(?:on|auf|via|use|uses|using|über|per)\s+)$")


def _only_a_medium(text: str, org: Org) -> bool:
    """Every mention is a channel: "in a LinkedIn post", "use LinkedIn to announce", "auf LinkedIn"."""
    return bool(org.mentions) and all(
        text[b : b + 12].lower().lstrip(" ").startswith(_MEDIUM_AFTER)
        or _MEDIUM_BEFORE.search(text[max(0, a - 8) : a])
        for a, b in org.mentions
    )


def _evidence(text: str, spans: dict[str, tuple[int, int] | None]) -> dict[str, dict[str, Any]]:
    return {k: span(text, *v) for k, v in spans.items() if v is not None}


def _organizations(text: str, orgs: OrgIndex, subjects: set[str]) -> list[dict[str, Any]]:
    out = []
    ordered = sorted(
        orgs.orgs.values(), key=lambda o: (o.key not in subjects, o.mentions[0][0] if o.mentions else 0)
    )
    for org in ordered:
        if not org.mentions:
            continue
        role = (
            "subject"
            if org.key in subjects
            else {"outlet": "outlet", "regulator": "regulator"}.get(org.kind, "mentioned")
        )
        out.append(
            {
                "name": org.name,
                "aliases": sorted(a for a in org.aliases if a != org.name),
                "role_in_article": role,
                "parent": org.parent,
                "evidence": _evidence(text, {"name": org.mentions[0], "parent": org.parent_span}),
            }
        )
    return out


def _people(text: str, people: list[Person], orgs: OrgIndex) -> list[dict[str, Any]]:
    out = []
    for p in people:
        org = orgs.get(p.org_key)
        out.append(
            {
                "name": p.name,
                "organization": org.name if org else None,
                "role": p.role,
                "role_text": p.role_text,
                "evidence": _evidence(
                    text, {"name": p.name_span, "role": p.role_span, "organization": p.org_span}
                ),
            }
        )
    return out


def _events(text: str, events: list[Event], orgs: OrgIndex) -> list[dict[str, Any]]:
    ids = {id(e): f"e{i + 1}" for i, e in enumerate(events)}
    out = []
    for e in events:
        org = orgs.orgs[e.org]
        type_, type_span = e.type
        cost = e.values.get("cost")
        spokesperson = max(e.speakers)[2:] if e.speakers and e.status == "current" else None
        record: dict[str, Any] = {
            "id": ids[id(e)],
            "organization": org.name,
            "type": type_,
            "jobs_cut": e.values.get("jobs_cut"),
            "jobs_cut_approx": bool(e.approx and "jobs_cut" in e.values),
            "workforce_share_percent": e.values.get("workforce_share_percent"),
            "headcount_before": e.values.get("headcount_before"),
            "headcount_after": e.values.get("headcount_after"),
            "headcount_target": e.values.get("headcount_target"),
            "jobs_cut_revised_from": e.values.get("jobs_cut_revised_from"),
            "cost_min": cost[0] if cost else None,
            "cost_max": cost[1] if cost else None,
            "currency": cost[2] if cost else None,
            "announced": e.values.get("announced"),
            "effective_by": e.values.get("effective_by"),
            "reasons": list(e.reasons),
            "units_affected": list(e.units),
            "announced_via": e.channel[0] if e.channel else None,
            "spokesperson": spokesperson[0] if spokesperson else None,
            "methods": list(e.methods),
        }
        others = [x for x in events if x is not e and x.org == e.org]
        if e.status == "current":
            past = [x for x in others if x.status == "past"]
            if past:
                record["previous_event_ref"] = ids[id(past[-1])]
        if e.status == "aggregate":
            record["aggregate_of"] = [
                ids[id(x)] for x in others if "jobs_cut" in x.values and x.status != "aggregate"
            ]
        if e.part_of is not None and id(e.part_of) in ids:
            record["part_of"] = ids[id(e.part_of)]
        spans: dict[str, tuple[int, int] | None] = {f: e.spans.get(f) for f in _EVENT_FIELDS}
        spans.update(
            {
                "cost_min": e.spans.get("cost"),
                "announced": e.spans.get("announced"),
                "effective_by": e.spans.get("effective_by"),
                "type": type_span,
                "reasons": next(iter(e.reasons.values()), None),
                "units_affected": next(iter(e.units.values()), None),
                "methods": next(iter(e.methods.values()), None),
                "announced_via": e.channel[1] if e.channel else None,
                "spokesperson": spokesperson[1] if spokesperson else None,
            }
        )
        record["evidence"] = _evidence(text, spans)
        out.append(record)
    return out


def _filings(text: str, filings: list[Filing]) -> list[dict[str, Any]]:
    return [
        {
            "organization": f.org,
            "regulator": f.regulator,
            "form": f.form,
            "evidence": _evidence(text, {"regulator": f.span, "form": f.form_span}),
        }
        for f in filings
    ]


def _quotes(text: str, quotes: list[Quote], orgs: OrgIndex) -> list[dict[str, Any]]:
    return [
        {
            "speaker": q.speaker,
            "outlet": q.outlet,
            "text": q.text,
            "evidence": _evidence(
                text, {"text": (q.start, q.end), "speaker": q.speaker_span, "outlet": q.outlet_span}
            ),
        }
        for q in quotes
    ]
