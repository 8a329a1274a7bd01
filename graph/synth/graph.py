"""A seeded synthetic graph in firmgraph's vocabulary, built through the same builder as real imports."""

from __future__ import annotations

import gzip
import hashlib
import random
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from firmgraph.graph.model.iris import opaque_key
from firmgraph.graph.model.records import Record
from firmgraph.graph.pipeline.build import RecordBuilder, SourceInfo
from firmgraph.graph.pipeline.resolve import Resolver
from firmgraph.graph.resolution import resolve_events

__all__ = ["batches", "records", "write_synthetic"]

_SYLLABLES = [
    "ar",
    "bel",
    "cor",
    "dan",
    "el",
    "fen",
    "gor",
    "hal",
    "in",
    "jor",
    "kel",
    "lum",
    "mar",
    "nor",
    "ol",
    "per",
    "quin",
    "ros",
    "sel",
    "tor",
    "ul",
    "var",
    "wen",
    "xan",
    "yor",
    "zel",
]
_SUFFIXES = ["AG", "SE", "Inc.", "GmbH", "Corp.", "plc", "Group", ""]
_SECTORS = ["Systems", "Logistics", "Bank", "Motors", "Software", "Retail", "Chemicals", "Energy", "Media"]
_FIRST = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Eva",
    "Felix",
    "Greta",
    "Hugo",
    "Ida",
    "Jonas",
    "Karin",
    "Lukas",
    "Mia",
    "Noah",
    "Olga",
    "Paul",
    "Rita",
    "Sven",
    "Tara",
    "Uwe",
]
_LAST = [
    "Albers",
    "Brandt",
    "Conrad",
    "Dietz",
    "Engel",
    "Falk",
    "Graf",
    "Hahn",
    "Imhof",
    "Jansen",
    "Kessler",
    "Lorenz",
    "Mertens",
    "Nolte",
    "Otto",
    "Pohl",
]
_ROLES = ["CEO", "CFO", "COO", "CTO", "HR Board Member", "Spokesperson", "Chair"]
_REASONS = ["ai", "automation", "efficiency", "cost", "demand", "strategy", "overhiring", "energy_costs"]
_TYPES = ["layoff", "hiring_freeze", "attrition_reduction", "restructuring_plan"]
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
"""Fixed provenance time: the same seed writes the same bytes."""
_UNITS = ["retail", "cloud", "HR", "marketing", "customer service", "logistics", "research"]


def _firm_name(rng: random.Random, index: int) -> str:
    stem = "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize()
    suffix = rng.choice(_SUFFIXES)
    return f"{stem}{index} {rng.choice(_SECTORS)} {suffix}".strip()


def _person_name(rng: random.Random, index: int) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}-{index}"


class _Text:
    """Article text with the spans of the facts written into it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, sentence: str) -> dict[str, Any]:
        start = self.length
        self.parts.append(sentence + " ")
        self.length += len(sentence) + 1
        return {"start": start, "end": start + len(sentence), "exact": sentence}

    def text(self) -> str:
        return "".join(self.parts)


def records(firms: int, seed: int) -> Iterator[tuple[dict[str, Any], str]]:
    """Synthetic records (gold JSON shape with evidence) and their article texts."""
    rng = random.Random(seed)
    names = [_firm_name(rng, i) for i in range(firms)]
    staff = {i: [(_person_name(rng, i * 10 + k), rng.choice(_ROLES)) for k in range(4)] for i in range(firms)}
    outlets = ["Reuters", "Bloomberg", "Handelsblatt", "The Verge", "Financial Times"]
    for i, name in enumerate(names):
        for a in range(rng.randint(1, 3)):
            day = date(2023, 1, 1) + timedelta(days=rng.randint(0, 1300))
            text = _Text()
            outlet = rng.choice(outlets)
            other = rng.randrange(firms)
            people = staff[i]
            orgs = [
                {"name": name, "aliases": [], "role_in_article": "subject", "parent": None},
                {"name": outlet, "aliases": [], "role_in_article": "outlet", "parent": None},
            ]
            person_rows = []
            for pname, role in people:
                span = text.add(f"{pname} is {role} of {name}.")
                person_rows.append(
                    {
                        "name": pname,
                        "organization": name,
                        "role": role,
                        "role_text": role,
                        "evidence": {"name": span, "role": span},
                    }
                )
            if other != i and rng.random() < 0.3:  # an interlock: a director of another firm sits here too
                guest, _ = staff[other][0]
                orgs.append(
                    {"name": names[other], "aliases": [], "role_in_article": "mentioned", "parent": None}
                )
                span = text.add(f"{guest}, who also serves at {names[other]}, joined the board of {name}.")
                person_rows.append(
                    {
                        "name": guest,
                        "organization": names[other],
                        "role": "Chair",
                        "role_text": "Chair",
                        "evidence": {"name": span},
                    }
                )
                person_rows.append(
                    {
                        "name": guest,
                        "organization": name,
                        "role": "Chair",
                        "role_text": "Chair",
                        "evidence": {"name": span, "role": span},
                    }
                )
            events = []
            for e in range(rng.randint(1, 2)):
                before = rng.randint(500, 200_000)
                cut = rng.randint(10, before // 5)
                share = round(100 * cut / before, 2)
                reason = rng.choice(_REASONS)
                unit = rng.choice(_UNITS)
                s_cut = text.add(
                    f"{name} will cut about {cut} jobs in {unit}, {share} percent of its {before} staff."
                )
                s_reason = text.add(f"The company cited {reason.replace('_', ' ')}.")
                spokes = next((p for p, r in people if r == "Spokesperson"), people[0][0])
                event = {
                    "id": f"e{e}",
                    "organization": name,
                    "type": rng.choice(_TYPES),
                    "jobs_cut": cut,
                    "jobs_cut_approx": True,
                    "workforce_share_percent": share,
                    "headcount_before": before,
                    "headcount_after": None,
                    "headcount_target": None,
                    "cost_min": None,
                    "cost_max": None,
                    "currency": None,
                    "announced": day.isoformat(),
                    "effective_by": (day + timedelta(days=rng.randint(30, 700))).isoformat(),
                    "reasons": [reason],
                    "units_affected": [unit],
                    "announced_via": "media_statement",
                    "spokesperson": spokes,
                    "methods": [],
                    "evidence": {
                        "jobs_cut": s_cut,
                        "workforce_share_percent": s_cut,
                        "headcount_before": s_cut,
                        "reasons": s_reason,
                        "units_affected": s_cut,
                    },
                }
                if rng.random() < 0.4:
                    low = rng.randint(1, 200) * 1_000_000
                    s_cost = text.add(f"Costs are put at {low} to {low * 2} euros.")
                    event.update({"cost_min": low, "cost_max": low * 2, "currency": "EUR"})
                    event["evidence"]["cost_min"] = s_cost  # type: ignore[index]
                events.append(event)
            q_span = text.add(f'"We act now," {people[0][0]} told {outlet}.')
            record = {
                "article": {
                    "title": f"{name} restructures ({a + 1})",
                    "date": day.isoformat(),
                    "language": "en",
                    "publisher": None,
                    "url": f"https://news.example/{i}/{a}",
                },
                "organizations": orgs,
                "people": person_rows,
                "events": events,
                "filings": [],
                "quotes": [
                    {
                        "speaker": people[0][0],
                        "outlet": outlet,
                        "text": "We act now,",
                        "evidence": {"text": q_span},
                    }
                ],
            }
            yield record, text.text()


def batches(firms: int, seed: int, base: str) -> Iterator[list[ox.Quad]]:
    """The synthetic graph as import batches: each record's source graph and its entity quads."""
    builder = RecordBuilder(base, Resolver(None, base))
    for record, text in records(firms, seed):
        batch, _ = _build(builder, record, text)
        yield batch.source + batch.entities


def _build(builder: RecordBuilder, record: dict[str, Any], text: str) -> tuple[Any, Record]:
    builder.resolver.matches.clear()
    parsed = Record.model_validate(record)
    key = opaque_key("record", parsed.article.url or "")
    info = SourceInfo(key, hashlib.sha256(text.encode()).hexdigest(), f"{key}.json", "application/json", text)
    return builder.build(parsed, info, now=_EPOCH), parsed


def write_synthetic(
    out: Path,
    *,
    firms: int,
    seed: int,
    base: str,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the synthetic graph as N-Quads or TriG (by suffix, optionally .gz); returns quads written."""
    builder = RecordBuilder(base, Resolver(None, base))
    fmt = ox.RdfFormat.TRIG if ".trig" in out.suffixes else ox.RdfFormat.N_QUADS
    seen_entities: set[ox.Quad] = set()
    written = 0
    last_firm = -1
    opener = gzip.open if out.suffix == ".gz" else open
    with opener(out, "wb") as sink:  # type: ignore[operator]
        for record, text in records(firms, seed):
            batch, parsed = _build(builder, record, text)
            fresh = [q for q in batch.entities if q not in seen_entities]
            seen_entities.update(fresh)
            # each synthetic article reports its own events: one canonical event per report
            quads = batch.source + fresh + resolve_events(None, base, batch.source).add
            sink.write(ox.serialize(quads, format=fmt))
            written += len(quads)
            firm = int(parsed.article.url.rsplit("/", 2)[-2]) if parsed.article.url else 0
            if progress and firm != last_firm:
                progress(1)
                last_firm = firm
    return written
