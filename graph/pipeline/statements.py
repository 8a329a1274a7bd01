"""Filings and quotes of a record: the statements a source makes beside its events.

Helpers of `RecordBuilder` (they write through its graph writers and evidence), kept apart so each
module stays small enough to read in one sitting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from firmgraph.graph.model.iris import entity_iri, opaque_key
from firmgraph.graph.model.namespaces import FG, RDF, SCHEMA
from firmgraph.graph.model.records import Record, first
from firmgraph.graph.pipeline.quads import SourceInfo

if TYPE_CHECKING:
    from firmgraph.graph.pipeline.build import RecordBuilder

__all__ = ["filings", "quotes"]


def filings(
    b: RecordBuilder, record: Record, info: SourceInfo, orgs: dict[str, str], events: dict[str, str]
) -> None:
    src = b._src
    for f in record.filings:
        filer = b._org(orgs, f.organization)
        if filer is None:
            continue
        iri = entity_iri(
            b.base, "filing", opaque_key("filing", info.key, filer, f.regulator or "", f.form or "")
        )
        src.add(iri, RDF.type, FG.Filing)
        src.add(iri, FG.filer, filer)
        src.add(iri, FG.reportedIn, b._doc)
        regulator = b._org(orgs, f.regulator)
        if regulator:
            src.add(iri, FG.regulator, regulator)
            b._ent.add(regulator, RDF.type, FG.Regulator)  # the record names it a filing's regulator
        if f.form:
            src.add(iri, FG.form, ox.Literal(f.form))
            if f.form.replace("-", "").upper() == "8K":
                src.add(iri, RDF.type, FG.SECForm8K)
        b._evidence(iri, FG.form, f.evidence.get("form"))
        for index, e in enumerate(record.events):
            if first(e.announced_via) == "sec_filing" and b._org(orgs, e.organization) == filer:
                src.add(events[e.id or str(index)], FG.filing, iri)


def quotes(
    b: RecordBuilder, record: Record, info: SourceInfo, orgs: dict[str, str], people: dict[str, str]
) -> None:
    src = b._src
    for q in record.quotes:
        iri = entity_iri(b.base, "quote", opaque_key("quote", info.key, q.text))
        src.add(iri, RDF.type, SCHEMA.Quotation)
        src.add(iri, SCHEMA.text, ox.Literal(q.text, language=b._language(record)))
        src.add(iri, SCHEMA.isPartOf, b._doc)
        speaker = b._person(people, q.speaker) or b._org(orgs, q.speaker)
        if speaker:
            src.add(iri, SCHEMA.spokenByCharacter, speaker)
        outlet = b._org(orgs, q.outlet)
        if outlet:
            src.add(iri, FG.outlet, outlet)
            b._ent.add(outlet, RDF.type, FG.NewsOutlet)  # the record names it a quote's outlet
        b._evidence(iri, SCHEMA.text, q.evidence.get("text"))
