"""Building quads from a record: one source graph plus upserts to the entities graph."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pyoxigraph as ox

from firmgraph.graph.model.concepts import (
    EVENT_CLASSES,
    EVENT_TYPE_LABELS,
    HEAD_ROLES,
    channel_concept,
    method_concept,
    reason_concept,
    role_concept,
)
from firmgraph.graph.model.iris import entities_graph_iri, entity_iri, name_key, opaque_key, source_graph_iri
from firmgraph.graph.model.namespaces import FG, OA, ORG, PROV, RDF, RDFS, SCHEMA, XSD
from firmgraph.graph.model.records import EventRecord, Record, Span, first
from firmgraph.graph.pipeline.quads import (
    Batch,
    GraphWriter,
    N,
    SourceInfo,
    date_literal,
    decimal,
    integer,
    provenance_quads,
)
from firmgraph.graph.pipeline.resolve import Resolver, descriptor_free, head_key, org_keys
from firmgraph.graph.pipeline.statements import filings, quotes

__all__ = ["Batch", "RecordBuilder", "SourceInfo", "provenance_quads"]


class RecordBuilder:
    """Turns one Record into a Batch, resolving names through a Resolver."""

    def __init__(self, base: str, resolver: Resolver) -> None:
        self.base = base
        self.resolver = resolver

    def build(self, record: Record, info: SourceInfo, *, now: datetime | None = None) -> Batch:
        graph = source_graph_iri(self.base, info.key)
        doc = entity_iri(self.base, "doc", info.key)
        src, ent = GraphWriter(graph), GraphWriter(entities_graph_iri(self.base))
        self._evidence_count = 0
        self._doc, self._src, self._ent = doc, src, ent
        orgs = self._organizations(record)
        people = self._people(record, orgs)
        self._article(record, info, orgs)
        events = {}
        for index, event in enumerate(record.events):
            events[event.id or str(index)] = self._event(record, event, info, index, orgs, people)
        self._event_links(record, events)
        filings(self, record, info, orgs, events)
        quotes(self, record, info, orgs, people)
        src.quads.extend(provenance_quads(self.base, info, graph, doc, now=now))
        return Batch(graph, src.quads, ent.quads, list(self.resolver.matches))

    # -- pieces ---------------------------------------------------------------------------------

    def _organizations(self, record: Record) -> dict[str, str]:
        """Name key (of name and aliases) -> org IRI, writing each organization's entity facts."""
        own = {name_key(o.name) for o in record.organizations}
        trade = _by_trade(record)
        keys = set().union(
            *(org_keys(o.name, o.aliases, by_trade=trade[o.name]) for o in record.organizations)
        )
        known = self.resolver.known_keys(keys)
        by_key: dict[str, str] = {}
        # "Heilbronner Muttergesellschaft Veltrum" beside "Veltrum": the same organization, an alias
        folded = {
            o.name: k
            for o in record.organizations
            if (k := descriptor_free(o.name)) in own - {name_key(o.name)}
        }
        for o in record.organizations:
            if o.name not in folded:
                iri = self.resolver.org(o.name, o.aliases, known, by_trade=trade[o.name])
                for k in org_keys(o.name, o.aliases, by_trade=trade[o.name]):
                    by_key.setdefault(k, iri)
        for o in record.organizations:
            if o.name in folded:
                for k in org_keys(o.name, o.aliases, by_trade=trade[o.name]):
                    by_key.setdefault(k, by_key[folded[o.name]])
        ent = self._ent
        for o in record.organizations:
            iri = by_key[name_key(o.name)]
            if o.name in folded:
                self._name(iri, o.name)
                continue
            ent.add(iri, RDF.type, ORG.Organization)
            self._name(iri, o.name)
            for alias in o.aliases:
                ent.add(iri, SCHEMA.alternateName, ox.Literal(alias))
            for k in org_keys(o.name, o.aliases, by_trade=trade[o.name]):
                ent.add(iri, FG.nameKey, ox.Literal(k))
            parent = by_key.get(name_key(o.parent)) if o.parent else None
            if parent and parent != iri:
                ent.add(iri, RDF.type, ORG.OrganizationalUnit)
                ent.add(iri, ORG.unitOf, parent)
                ent.add(iri, ORG.subOrganizationOf, parent)
            else:
                ent.add(iri, RDF.type, ORG.FormalOrganization)
            if o.role_in_article == "outlet":
                ent.add(iri, RDF.type, FG.NewsOutlet)
            elif o.role_in_article == "regulator":
                ent.add(iri, RDF.type, FG.Regulator)
            self._evidence(iri, SCHEMA.name, o.evidence.get("name"))
        return by_key

    def _name(self, iri: str, name: str) -> None:
        """An organization's name; when the store or this batch already gave it another, an alias."""
        taken = self.resolver.stored_name(iri)
        if taken is None:
            predicate = N(SCHEMA.name)
            taken = next(
                (
                    q.object.value
                    for q in self._ent.quads
                    if q.subject.value == iri and q.predicate == predicate
                ),
                None,
            )
        self._ent.add(
            iri, SCHEMA.alternateName if taken not in (None, name) else SCHEMA.name, ox.Literal(name)
        )

    def _org(self, orgs: dict[str, str], name: str | None) -> str | None:
        return orgs.get(name_key(name)) if name else None

    def _people(self, record: Record, orgs: dict[str, str]) -> dict[str, str]:
        """Person name (and surname) -> person IRI, writing people and their memberships."""
        affiliations: dict[str, list[str]] = {}
        for p in record.people:
            org = self._org(orgs, first(p.organization))
            affiliations.setdefault(name_key(p.name), [])
            if org and org not in affiliations[name_key(p.name)]:
                affiliations[name_key(p.name)].append(org)
        known = self.resolver.known_people(set(affiliations))
        people: dict[str, str] = {}
        for key, their_orgs in affiliations.items():
            name = next(p.name for p in record.people if name_key(p.name) == key)
            people[key] = self.resolver.person(name, their_orgs, known)
            people.setdefault(key.split()[-1], people[key])
        ent = self._ent
        for p in record.people:
            iri = people[name_key(p.name)]
            ent.add(iri, RDF.type, SCHEMA.Person)
            ent.add(iri, SCHEMA.name, ox.Literal(p.name))
            ent.add(iri, FG.nameKey, ox.Literal(name_key(p.name)))
            self._evidence(iri, SCHEMA.name, p.evidence.get("name"))
            org = self._org(orgs, first(p.organization))
            if org is None:
                continue
            ent.add(iri, ORG.memberOf, org)
            role = first(p.role)
            if role is None:
                continue
            concept = role_concept(role)
            membership = entity_iri(self.base, "membership", opaque_key("membership", iri, org, concept))
            ent.add(membership, RDF.type, ORG.Membership)
            ent.add(membership, ORG.member, iri)
            ent.add(membership, ORG.organization, org)
            ent.add(membership, ORG.role, concept)
            if p.role_text:
                ent.add(membership, FG.roleText, ox.Literal(p.role_text, language=self._language(record)))
            if concept in HEAD_ROLES:
                ent.add(iri, ORG.headOf, org)
            self._evidence(membership, ORG.role, p.evidence.get("role"))
        return people

    def _person(self, people: dict[str, str], name: str | None) -> str | None:
        if not name:
            return None
        return people.get(name_key(name)) or people.get(name_key(name.split()[-1]))

    def _language(self, record: Record) -> str:
        return record.article.language or "und"

    def _article(self, record: Record, info: SourceInfo, orgs: dict[str, str]) -> None:
        src, doc, art = self._src, self._doc, record.article
        src.add(doc, RDF.type, SCHEMA.NewsArticle)
        src.add(doc, RDF.type, PROV.Entity)
        if art.title:
            src.add(doc, SCHEMA.headline, ox.Literal(art.title))
        if art.date:
            src.add(doc, SCHEMA.datePublished, date_literal(art.date))
        if art.language:
            src.add(doc, SCHEMA.inLanguage, ox.Literal(art.language))
        if art.url:
            src.add(doc, SCHEMA.url, N(art.url))
        if art.publisher:
            src.add(doc, SCHEMA.publisher, self._publisher(art.publisher))
        if info.text is not None:
            src.add(doc, SCHEMA.text, ox.Literal(info.text))
        for o in record.organizations:
            iri = orgs[name_key(o.name)]
            src.add(doc, SCHEMA.about if o.role_in_article == "subject" else SCHEMA.mentions, iri)

    def _publisher(self, name: str) -> str:
        """The page's publisher: an outlet in the entities graph (not one of the article's organizations)."""
        keys = org_keys(name, [])
        iri = self.resolver.org(name, [], self.resolver.known_keys(keys))
        ent = self._ent
        for cls in (ORG.Organization, FG.NewsOutlet):
            ent.add(iri, RDF.type, cls)
        self._name(iri, name)
        for k in keys:
            ent.add(iri, FG.nameKey, ox.Literal(k))
        return iri

    def _event(
        self,
        record: Record,
        e: EventRecord,
        info: SourceInfo,
        index: int,
        orgs: dict[str, str],
        people: dict[str, str],
    ) -> str:
        src = self._src
        iri = entity_iri(self.base, "event", opaque_key("event", info.key, e.id or str(index)))
        kind = first(e.type)
        src.add(iri, RDF.type, EVENT_CLASSES.get(kind, EVENT_CLASSES[None]))
        src.add(iri, RDF.type, FG.EventReport)  # resolution links it to its canonical event
        org = self._org(orgs, first(e.organization))
        if org is None:  # an event's firm missing from the organizations list: still an organization
            org = self.resolver.org(e.organization, [], {})
            self._ent.add(org, RDF.type, ORG.Organization)
            self._ent.add(org, RDF.type, ORG.FormalOrganization)
            self._name(org, e.organization)
            self._ent.add(org, FG.nameKey, ox.Literal(name_key(e.organization)))
            orgs[name_key(e.organization)] = org
        src.add(iri, FG.organization, org)
        src.add(iri, FG.reportedIn, self._doc)
        figure_label = f" ({e.jobs_cut:,} jobs)" if e.jobs_cut is not None else ""
        src.add(
            iri,
            RDFS.label,
            ox.Literal(
                f"{e.organization}: {EVENT_TYPE_LABELS.get(kind, 'restructuring')}{figure_label}",
                language="en",
            ),
        )
        counts = {
            FG.jobsCut: e.jobs_cut,
            FG.headcountBefore: e.headcount_before,
            FG.headcountAfter: e.headcount_after,
            FG.headcountTarget: e.headcount_target,
            FG.revisedFrom: e.jobs_cut_revised_from,
        }
        for prop, value in counts.items():
            if value is not None:
                approx = bool(e.jobs_cut_approx) if prop == FG.jobsCut else None
                self._figure(iri, prop, integer(value), approx, e.evidence.get(_FIELD[prop]))
        if e.workforce_share_percent is not None:
            share = decimal(round(e.workforce_share_percent / 100, 6))
            self._figure(iri, FG.workforceShare, share, None, e.evidence.get("workforce_share_percent"))
        for prop, value in ((FG.costMin, e.cost_min), (FG.costMax, e.cost_max)):
            if value is not None:
                self._figure(iri, prop, decimal(value), None, e.evidence.get("cost_min"))
        if e.currency:
            src.add(iri, FG.currency, ox.Literal(e.currency))
        for prop, value, span in (
            (FG.announced, e.announced, "announced"),
            (FG.effectiveBy, e.effective_by, "effective_by"),
        ):
            if value:
                src.add(iri, prop, date_literal(value))
                self._evidence(iri, prop, e.evidence.get(span))
        for concept in filter(None, (reason_concept(r) for r in e.reasons)):
            src.add(iri, FG.reason, concept)
        self._evidence(iri, FG.reason, e.evidence.get("reasons"))
        for concept in filter(None, (method_concept(m) for m in e.methods)):
            src.add(iri, FG.method, concept)
        channel = channel_concept(first(e.announced_via))
        if channel:
            src.add(iri, FG.announcedVia, channel)
            self._evidence(iri, FG.announcedVia, e.evidence.get("announced_via"))
        spokesperson = self._person(people, e.spokesperson)
        if spokesperson:
            src.add(iri, FG.spokesperson, spokesperson)
            self._evidence(iri, FG.spokesperson, e.evidence.get("spokesperson"))
        for name in filter(None, (first(u) for u in e.units_affected)):
            unit = self._unit(org, name, orgs)
            if unit:
                src.add(iri, FG.affectedUnit, unit)
        self._evidence(iri, FG.affectedUnit, e.evidence.get("units_affected"))
        self._evidence(iri, RDF.type, e.evidence.get("type"))
        return iri

    def _unit(self, org: str, name: str, orgs: dict[str, str]) -> str | None:
        """An affected unit of the event's firm: an organization of the record, else a new unit."""
        iri = orgs.get(name_key(name))
        if iri is None:
            iri = entity_iri(self.base, "org", opaque_key("unit", org, name_key(name)))
            self._ent.add(iri, RDF.type, ORG.Organization)
            self._name(iri, name)
        elif iri == org:  # the firm itself named as the unit: no unit to record
            return None
        if not any(q.subject.value == iri and q.predicate == N(ORG.unitOf) for q in self._ent.quads):
            self._ent.add(iri, ORG.unitOf, org)
            self._ent.add(iri, ORG.subOrganizationOf, org)
        self._ent.add(iri, RDF.type, ORG.OrganizationalUnit)
        return iri

    def _figure(
        self, event: str, prop: object, value: ox.Literal, approx: bool | None, span: Span | None
    ) -> None:
        """The direct property on the event plus a figure node beside it (approximation, evidence)."""
        src = self._src
        figure = f"{event}#{str(prop).rsplit('#', 1)[-1]}"
        src.add(event, prop, value)
        src.add(event, FG.figure, figure)
        src.add(figure, RDF.type, FG.Figure)
        src.add(figure, FG.measure, N(prop))
        src.add(figure, SCHEMA.value, value)
        if approx is not None:
            src.add(
                figure, FG.approximate, ox.Literal("true" if approx else "false", datatype=N(XSD.boolean))
            )
        self._evidence(figure, None, span)

    def _event_links(self, record: Record, events: dict[str, str]) -> None:
        for index, e in enumerate(record.events):
            iri = events[e.id or str(index)]
            if e.previous_event_ref in events:
                self._src.add(iri, FG.previousEvent, events[e.previous_event_ref])
            if e.part_of in events:
                self._src.add(iri, FG.partOf, events[e.part_of])
            for ref in e.aggregate_of:
                if ref in events:
                    self._src.add(iri, FG.aggregateOf, events[ref])

    def _evidence(self, body: str, prop: object | None, span: Span | None) -> None:
        """A Web Annotation tying a fact (body, and the property unless the body is a figure) to its text."""
        if span is None:
            return
        self._evidence_count += 1
        src, doc = self._src, self._doc
        anno = f"{doc}#ev-{opaque_key(body, str(prop), str(span.start), str(span.end))}"
        target, quote, position = anno + "-target", anno + "-quote", anno + "-position"
        src.add(anno, RDF.type, OA.Annotation)
        src.add(anno, OA.motivatedBy, OA.describing)
        src.add(anno, OA.hasBody, body)
        if prop is not None:
            src.add(anno, FG.onProperty, N(prop))
        src.add(anno, OA.hasTarget, target)
        src.add(target, RDF.type, OA.SpecificResource)
        src.add(target, OA.hasSource, doc)
        src.add(target, OA.hasSelector, quote)
        src.add(target, OA.hasSelector, position)
        src.add(quote, RDF.type, OA.TextQuoteSelector)
        src.add(quote, OA.exact, ox.Literal(span.exact))
        src.add(position, RDF.type, OA.TextPositionSelector)
        src.add(position, OA.start, ox.Literal(str(span.start), datatype=N(XSD.nonNegativeInteger)))
        src.add(position, OA.end, ox.Literal(str(span.end), datatype=N(XSD.nonNegativeInteger)))


_FIELD = {
    FG.jobsCut: "jobs_cut",
    FG.headcountBefore: "headcount_before",
    FG.headcountAfter: "headcount_after",
    FG.headcountTarget: "headcount_target",
    FG.revisedFrom: "jobs_cut_revised_from",
}


def _by_trade(record: Record) -> dict[str, bool]:
    """Per organization name: whether its name less its trade words may name it (see `Resolver.org`).

    Not for a unit named after its owner ("Halberg Antriebe" of Halberg), nor when the article names
    a firm by that shorter name too, or two firms that share it.
    """
    heads = Counter(head_key(o.name) for o in record.organizations)
    own = {name_key(o.name) for o in record.organizations}
    return {
        o.name: (h := head_key(o.name)) is not None
        and h not in own
        and heads[h] == 1
        and not (o.parent and h in org_keys(o.parent, []))
        for o in record.organizations
    }
