"""The IRIs firmgraph writes: vocabularies it reuses, its own terms, and data IRI layout."""

from __future__ import annotations

import re

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "CHANNEL",
    "DCAT",
    "FG",
    "FG_BASE",
    "METHOD",
    "OA",
    "ORG",
    "PREFIXES",
    "REASON",
    "ROLE",
    "SCHEMA",
    "SCOPE",
    "SH",
    "STATUS",
    "TIME",
    "VOID",
    "sparql_prologue",
    "turtle_prologue",
    "with_prologue",
]

FG_BASE = "https://w3id.org/firmgraph/ns"
FG = Namespace(FG_BASE + "#")
"""The ontology: a hash namespace (classes and properties)."""

REASON = Namespace(FG_BASE + "/reason/")
ROLE = Namespace(FG_BASE + "/role/")
METHOD = Namespace(FG_BASE + "/method/")
STATUS = Namespace(FG_BASE + "/status/")
SCOPE = Namespace(FG_BASE + "/scope/")
CHANNEL = Namespace(FG_BASE + "/channel/")
"""SKOS concept schemes, one slash namespace each."""

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
TIME = Namespace("http://www.w3.org/2006/time#")
SH = Namespace("http://www.w3.org/ns/shacl#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")

PREFIXES: dict[str, str] = {
    "fg": str(FG),
    "reason": str(REASON),
    "role": str(ROLE),
    "method": str(METHOD),
    "status": str(STATUS),
    "scope": str(SCOPE),
    "channel": str(CHANNEL),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "oa": str(OA),
    "time": str(TIME),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "sh": str(SH),
    "void": str(VOID),
    "dcat": str(DCAT),
}


def sparql_prologue(names: list[str] | None = None) -> str:
    """PREFIX lines for SPARQL text (all known prefixes unless names are given)."""
    chosen = PREFIXES if names is None else {n: PREFIXES[n] for n in names}
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in chosen.items())


def with_prologue(sparql: str) -> str:
    """The query with PREFIX declarations for the known prefixes it uses but does not declare (`fg:`, `schema:`, ...).

    They go on the query's first line, so the line numbers of an error message still match the text.
    """
    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([\w-]*):", sparql)}
    used = [
        p for p in PREFIXES if p.lower() not in declared and re.search(rf"(?<![\w:<]){re.escape(p)}:", sparql)
    ]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}> " for p in used) + sparql if used else sparql


def turtle_prologue() -> str:
    """@prefix lines for Turtle text."""
    return "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
