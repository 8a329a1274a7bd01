"""Staged commits of the remote store: quads encoded into a staging graph, chunked, swapped in at once.

The encoding names none of the data's IRIs (every IRI is a typed literal), so a staging graph left
by a crash is reachable by no IRI lookup; see `remote` for the guarantee.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox

from firmgraph.graph.errors import StoreError
from firmgraph.graph.model.terms import iri
from firmgraph.graph.store.base import Commit

__all__ = [
    "SKOLEM_PREFIX",
    "STAGING",
    "STG",
    "as_query_triples",
    "blank_groups",
    "chain",
    "chunks",
    "commit_quads",
    "encode_term",
    "has_blank",
    "quad_size",
    "skolemized",
    "staged_pattern",
    "swap_update",
]

STAGING = "urn:firmgraph:staging:"
"""Prefix of staging graphs (one per staged commit: `{STAGING}{unix ms}-{uuid}`)."""
STG = "urn:firmgraph:staging#"
"""Vocabulary of staged statements: stg:g, stg:s, stg:p, stg:o and the stg:iri datatype."""


def staged_pattern(stage: str) -> str:
    return f"GRAPH <{stage}> {{ ?st stg:g ?eg ; stg:s ?es ; stg:p ?ep ; stg:o ?eo }}"


def swap_update(stage: str, n: int, replaced: list[str]) -> str:
    """ONE operation: delete the replaced graphs' content and insert the staged quads.

    It applies only if the staging graph holds all n statements, counted inside the operation: a
    staging graph dropped or cut short meanwhile (by discard_staging, say) makes it change nothing.
    """
    old = ""
    if replaced:
        values = " ".join(iri(g) for g in replaced)
        old = f"{{ VALUES ?old {{ {values} }} GRAPH ?old {{ ?os ?op ?oo }} }} UNION "
    return f"""PREFIX stg: <{STG}>
DELETE {{ GRAPH ?old {{ ?os ?op ?oo }} }}
INSERT {{ GRAPH ?g {{ ?s ?p ?o }} }}
WHERE {{
  {{ SELECT (COUNT(*) AS ?staged) WHERE {{ {staged_pattern(stage)} }} }}
  FILTER(?staged = {n})
  {old}{{
    {staged_pattern(stage)}
    BIND(IRI(STR(?eg)) AS ?g)
    BIND(IF(isLITERAL(?es), IRI(STR(?es)), ?es) AS ?s)
    BIND(IRI(STR(?ep)) AS ?p)
    BIND(IF(isLITERAL(?eo) && DATATYPE(?eo) = stg:iri, IRI(STR(?eo)), ?eo) AS ?o)
  }}
}}"""


def encode_term(term: object) -> str:
    """A term as staged: IRIs become stg:iri literals so the staging graph names none of the data's IRIs."""
    if isinstance(term, ox.NamedNode):
        return str(ox.Literal(term.value, datatype=ox.NamedNode(STG + "iri")))
    if isinstance(term, ox.BlankNode | ox.Literal):
        return str(term)
    raise StoreError(f"cannot stage the term {term!r}")


def commit_quads(commit: Commit) -> list[ox.Quad]:
    """The commit's quads, each in the graph it goes to, without repeats."""
    quads = dict.fromkeys(commit.add)
    for g, content in commit.replace.items():
        name = ox.NamedNode(g)
        quads.update(dict.fromkeys(ox.Quad(q.subject, q.predicate, q.object, name) for q in content))
    return list(quads)


SKOLEM_PREFIX = "https://w3id.org/firmgraph/.well-known/genid/"
"""Where a blank node's skolem IRI starts (RDF 1.1, section 3.5): the blank node's label follows."""


def skolemized(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads with each blank node replaced by its skolem IRI (the same label, the same IRI)."""

    def term(t: Any) -> Any:
        return ox.NamedNode(SKOLEM_PREFIX + t.value) if isinstance(t, ox.BlankNode) else t

    return [ox.Quad(term(q.subject), q.predicate, term(q.object), q.graph_name) for q in quads]


def has_blank(q: ox.Quad) -> bool:
    return isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)


def quad_size(q: ox.Quad) -> int:
    return len(str(q)) + 4


def chunks(quads: Iterable[ox.Quad], budget: int) -> Iterator[list[ox.Quad]]:
    """Quads in chunks of about `budget` bytes.

    Blank node labels are scoped to one request, so quads that share a blank node (directly or
    through others) stay in one chunk: they are held back and sent, grouped, at the end.
    """
    chunk: list[ox.Quad] = []
    used = 0
    blank: list[ox.Quad] = []
    for q in quads:
        if has_blank(q):
            blank.append(q)
            continue
        chunk.append(q)
        used += quad_size(q)
        if used >= budget:
            yield chunk
            chunk, used = [], 0
    for group in blank_groups(blank):
        size = sum(quad_size(q) for q in group)
        if chunk and used + size > budget:
            yield chunk
            chunk, used = [], 0
        chunk.extend(group)
        used += size
    if chunk:
        yield chunk


def blank_groups(quads: list[ox.Quad]) -> list[list[ox.Quad]]:
    """Quads grouped by the connected blank nodes they mention (union-find)."""
    parent: dict[ox.BlankNode, ox.BlankNode] = {}

    def root(b: ox.BlankNode) -> ox.BlankNode:
        while parent.setdefault(b, b) != b:
            parent[b] = parent[parent[b]]
            b = parent[b]
        return b

    for q in quads:
        nodes = [t for t in (q.subject, q.object) if isinstance(t, ox.BlankNode)]
        for other in nodes[1:]:
            parent[root(other)] = root(nodes[0])
    groups: dict[ox.BlankNode, list[ox.Quad]] = {}
    for q in quads:
        first = q.subject if isinstance(q.subject, ox.BlankNode) else q.object
        groups.setdefault(root(first), []).append(q)  # type: ignore[arg-type]
    return list(groups.values())


def as_query_triples(triples: Iterable[ox.Triple | ox.Quad]) -> ox.QueryTriples:
    """Wrap parsed triples as pyoxigraph's QueryTriples (it has no constructor): through a scratch store."""
    scratch = ox.Store()
    scratch.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    result = scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples)
    return result


def chain(*iterators: Iterator[ox.Quad]) -> Iterator[ox.Quad]:
    for it in iterators:
        yield from it
