"""What the dataset says about one entity: the description its IRI dereferences to.

The description of `{base}id/{kind}/{key}` is, graph by graph:

- its concise bounded description: every statement about it, and about the blank nodes and the
  fragment resources (`…#jobsCut` figures, `…#ev-…` annotations of an article) that hang off it;
- the evidence for its facts: each Web Annotation whose body is the entity or one of its figures,
  with the annotation's target and selectors (the quoted sentence and its position);
- the statements that point at it (symmetric: a firm's events and memberships), up to a limit;
- the labels (names, headlines, preferred labels) of every resource it links to or is linked from,
  so a client can show the neighbours without fetching them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from firmgraph.graph.errors import NotFoundError
from firmgraph.graph.model.namespaces import OA, RDFS, SCHEMA, SKOS
from firmgraph.graph.model.terms import iri as iri_text
from firmgraph.graph.model.terms import iris as iri_list
from firmgraph.graph.store import Queryable

__all__ = ["LABEL_PROPERTIES", "Description", "describe", "exists", "labels", "source_graph_of"]

LABEL_PROPERTIES = (SCHEMA.name, SCHEMA.headline, RDFS.label, SKOS.prefLabel)
"""What names a neighbour, in order of preference."""

INCOMING_LIMIT = 1000
EVIDENCE_LIMIT = 500
"""At most this many statements pointing at the entity, and annotations of evidence, are included."""


@dataclass
class Description:
    """The quads that describe one entity, in the graphs that hold them."""

    iri: str
    quads: list[ox.Quad] = field(default_factory=list)
    truncated: bool = False
    """True when statements pointing at the entity, or evidence, were left out (past the limits)."""

    def triples(self) -> list[ox.Triple]:
        """The description as triples, each once: the entity first, then its parts, then its neighbours."""
        seen: set[ox.Triple] = set()
        ordered: list[ox.Triple] = []
        for quad in sorted(self.quads, key=self._rank):
            triple = quad.triple
            if triple not in seen:
                seen.add(triple)
                ordered.append(triple)
        return ordered

    def _rank(self, quad: ox.Quad) -> tuple[int, str]:
        subject = quad.subject.value if isinstance(quad.subject, ox.NamedNode) else ""
        if subject == self.iri:
            return 0, ""
        if subject.startswith(self.iri + "#"):
            return 1, subject
        return 2, subject or str(quad.subject)


def exists(store: Queryable, iri: str) -> bool:
    """Whether the store states anything about the IRI (as a subject)."""
    return bool(store.query(f"ASK {{ {iri_text(iri)} ?p ?o }}"))


def source_graph_of(iri: str) -> str | None:
    """The source graph of an article IRI (`{base}id/doc/K` -> `{base}graph/doc/K`), else None."""
    head, sep, key = iri.rpartition("/id/doc/")
    return f"{head}/graph/doc/{key}" if sep and key and "/" not in key and "#" not in key else None


def _rows(store: Queryable, sparql: str) -> list[ox.Quad]:
    quads = []
    for row in store.query(sparql):  # type: ignore[union-attr]
        quads.append(ox.Quad(row["s"], row["p"], row["o"], row["g"]))  # type: ignore[index]
    return quads


def describe(
    store: Queryable, iri: str, *, incoming_limit: int = INCOMING_LIMIT, evidence_limit: int = EVIDENCE_LIMIT
) -> Description:
    """The description of an entity (see the module docstring).

    Raises:
        NotFoundError: the store states nothing about the IRI.
    """
    node = iri_text(iri)
    if not exists(store, iri):
        raise NotFoundError(f"no entity {node}")
    hash_prefix = ox.Literal(iri + "#")
    own = _rows(
        store,
        f"""SELECT ?g ?s ?p ?o WHERE {{
          {{ GRAPH ?g {{ {node} ?p ?o }} BIND({node} AS ?s) }}
          UNION {{ GRAPH ?g {{ {node} ?p0 ?s . FILTER(isBlank(?s) || STRSTARTS(STR(?s), {hash_prefix})) ?s ?p ?o }} }}
          UNION {{ GRAPH ?g {{ {node} ?p0 ?b . FILTER(isBlank(?b) || STRSTARTS(STR(?b), {hash_prefix}))
                              ?b ?p1 ?s . FILTER(isBlank(?s)) ?s ?p ?o }} }}
        }}""",
    )
    source = source_graph_of(iri)
    if source:  # an article: the annotations and selectors of its own graph are its fragments
        own += _rows(
            store,
            f"""SELECT ?g ?s ?p ?o WHERE {{ GRAPH {iri_text(source)} {{ ?s ?p ?o
                FILTER(STRSTARTS(STR(?s), {hash_prefix})) }} BIND({iri_text(source)} AS ?g) }}""",
        )
    bodies = {iri} | {
        q.subject.value
        for q in own
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(iri + "#")
    }
    evidence = _rows(
        store,
        f"""SELECT ?g ?s ?p ?o WHERE {{
          {{ SELECT DISTINCT ?g ?anno WHERE {{ VALUES ?body {{ {iri_list(bodies)} }}
               GRAPH ?g {{ ?anno {iri_text(OA.hasBody)} ?body }} }} LIMIT {evidence_limit + 1} }}
          {{ GRAPH ?g {{ ?anno ?p ?o }} BIND(?anno AS ?s) }}
          UNION {{ GRAPH ?g {{ ?anno {iri_text(OA.hasTarget)} ?s . ?s ?p ?o }} }}
          UNION {{ GRAPH ?g {{ ?anno {iri_text(OA.hasTarget)}/{iri_text(OA.hasSelector)} ?s . ?s ?p ?o }} }}
        }}""",
    )
    annotations = {q.subject for q in evidence if q.predicate.value == str(OA.hasBody)}
    incoming = _rows(
        store,
        f"""SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p {node} }}
            FILTER(?p NOT IN ({iri_text(OA.hasBody)}, {iri_text(OA.hasSource)})) BIND({node} AS ?o) }}
            LIMIT {incoming_limit + 1}""",
    )
    truncated = len(incoming) > incoming_limit or len(annotations) > evidence_limit
    incoming = incoming[:incoming_limit]
    description = Description(iri, own + evidence + incoming, truncated=truncated)
    description.quads += labels(store, _neighbours(description))
    return description


def _neighbours(description: Description) -> set[str]:
    """IRIs the entity and its parts link to, and those that link to it, except its own parts."""
    own = description.iri
    found: set[str] = set()
    for quad in description.quads:
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode) and term.value != own and not term.value.startswith(own + "#"):
                found.add(term.value)
    return found


def labels(store: Queryable, iris: Iterable[str]) -> list[ox.Quad]:
    """The label statements (names, headlines, preferred labels) of some resources, in their graphs."""
    chosen = sorted(set(iris))
    quads: list[ox.Quad] = []
    for start in range(0, len(chosen), 500):
        quads += _rows(
            store,
            f"""SELECT ?g ?s ?p ?o WHERE {{ VALUES ?s {{ {iri_list(chosen[start : start + 500])} }}
                VALUES ?p {{ {iri_list(str(p) for p in LABEL_PROPERTIES)} }} GRAPH ?g {{ ?s ?p ?o }} }}""",
        )
    return quads
