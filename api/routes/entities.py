"""Dereferenceable IRIs: `{base}id/{kind}/{key}` answers at /id/{kind}/{key} with a 303 to a document.

- `/id/{kind}/{key}` names the thing (a firm, a person): it redirects (303 See Other, `Vary: Accept`)
  to the document that describes it in the format the client asks for (Accept with q-values, or
  `?format=`): the HTML page `/page/{kind}/{key}` or the data `/data/{kind}/{key}.{ext}`.
- the documents are plain, cacheable resources with one format each, so they can be linked and
  bookmarked format by format (docs/decisions.md: "Dereferencing with 303 See Other").

Unknown IRIs answer 404 at the IRI itself (an HTML page for browsers, JSON for everyone else).
"""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from firmgraph import ontology
from firmgraph.api.deps import AppSettings, Reader
from firmgraph.api.negotiation import GRAPH_FORMATS, Format, choose
from firmgraph.api.routes.rendering import templates
from firmgraph.graph.errors import NotFoundError
from firmgraph.graph.model.iris import KINDS
from firmgraph.graph.model.namespaces import PREFIXES
from firmgraph.graph.profiles.describe import Description, describe, exists
from firmgraph.graph.profiles.kinds import linked_from, profile
from firmgraph.graph.publish.jsonld import to_jsonld
from firmgraph.graph.sparql.cookbook import load_cookbook

__all__ = ["ENTITY_FORMATS", "HTML", "link", "rdf_body", "router", "serialize"]

router = APIRouter(tags=["Linked data"])

HTML = Format("html", "text/html", ("application/xhtml+xml",), "html", "HTML")
CSV = Format("csv", "text/csv", (), "csv", "CSV")
ENTITY_FORMATS: tuple[Format, ...] = (HTML, *GRAPH_FORMATS, CSV)
"""What an entity IRI offers; HTML first, so `*/*` and a missing Accept get the page."""
DATA_FORMATS = {f.extension: f for f in ENTITY_FORMATS if f is not HTML}

FOAF_PRIMARY_TOPIC = "http://xmlns.com/foaf/0.1/primaryTopic"
DCTERMS_LICENSE = "http://purl.org/dc/terms/license"
_PREFIXES = {**PREFIXES, "foaf": "http://xmlns.com/foaf/0.1/"}
VARY = {"Vary": "Accept"}


def link(iri: str, base: str) -> str:
    """Where a page links for an IRI: this server for its data and vocabulary, the IRI itself otherwise."""
    if iri.startswith(base):
        return "/" + iri[len(base) :]
    if iri.startswith(ontology.ONTOLOGY_IRI):
        return "/ns" + iri[len(ontology.ONTOLOGY_IRI) :]
    return iri


def _entity(kind: str, key: str, base: str) -> str:
    if kind not in KINDS or not key or "/" in key:
        raise NotFoundError(f"no entity kind {kind!r} (kinds: {', '.join(KINDS)})")
    return f"{base}id/{kind}/{key}"


@router.api_route(
    "/id/{kind}/{key}", methods=["GET", "HEAD"], summary="An entity IRI: 303 to its description"
)
async def entity(kind: str, key: str, request: Request, reader: Reader, settings: AppSettings) -> Response:
    iri = _entity(kind, key, settings.base_iri)
    fmt = choose(
        ENTITY_FORMATS, accept=request.headers.get("accept"), format_param=request.query_params.get("format")
    )
    if not await run_in_threadpool(exists, reader, iri):
        raise NotFoundError(f"no entity <{iri}>")
    target = f"/page/{kind}/{key}" if fmt is HTML else f"/data/{kind}/{key}.{fmt.extension}"
    return RedirectResponse(target, status_code=303, headers=VARY)


@router.api_route(
    "/page/{kind}/{key}",
    methods=["GET", "HEAD"],
    response_class=HTMLResponse,
    summary="The HTML page of an entity",
)
async def page(kind: str, key: str, request: Request, reader: Reader, settings: AppSettings) -> HTMLResponse:
    base = settings.base_iri
    iri = _entity(kind, key, base)
    data = await run_in_threadpool(profile, reader, iri, base)
    downloads = [(f.label, f"/data/{kind}/{key}.{f.extension}") for f in DATA_FORMATS.values()]
    name = (
        f"entity_{data.kind}.html"
        if data.kind in ("org", "person", "event", "doc", "filing")
        else "entity_generic.html"
    )
    linked: list[Any] = []
    if name == "entity_generic.html":
        linked = await run_in_threadpool(linked_from, reader, iri)
    html = templates.get_template(name).render(
        request=request,
        cookbook=load_cookbook(),
        p=data,
        s=data.sections,
        iri=iri,
        downloads=downloads,
        alternates=[(f.media_type, f"/data/{kind}/{key}.{f.extension}") for f in GRAPH_FORMATS],
        linked=linked,
        link=lambda i: link(i, base),
        network="/views/network?" + urlencode({"focus": iri}),
    )
    return HTMLResponse(html, headers={"Link": f'<{iri}>; rel="canonical"'})


@router.api_route(
    "/data/{kind}/{name}",
    methods=["GET", "HEAD"],
    summary="The description of an entity in one format (.ttl .jsonld .nt .rdf .trig .nq .csv)",
)
async def data(kind: str, name: str, reader: Reader, settings: AppSettings) -> Response:
    key, _, extension = name.rpartition(".")
    fmt = DATA_FORMATS.get(extension)
    if fmt is None or not key:
        raise NotFoundError(f"no document {name!r}: add one of {', '.join('.' + e for e in DATA_FORMATS)}")
    iri = _entity(kind, key, settings.base_iri)
    description = await run_in_threadpool(describe, reader, iri)
    document = f"{settings.base_iri}data/{kind}/{name}"
    body = rdf_body(description, fmt, document=document, license=settings.license)
    media = fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else "")
    headers = {"Link": f'<{settings.license}>; rel="license"'}
    if description.truncated:
        headers["X-Firmgraph-Truncated"] = "true"
    return Response(body, media_type=media, headers=headers)


def rdf_body(description: Description, fmt: Format, *, document: str, license: str) -> bytes:
    """A description serialised in one of ENTITY_FORMATS (not HTML), with a line on the document itself."""
    about = [
        ox.Triple(ox.NamedNode(document), ox.NamedNode(FOAF_PRIMARY_TOPIC), ox.NamedNode(description.iri)),
        ox.Triple(ox.NamedNode(document), ox.NamedNode(DCTERMS_LICENSE), ox.NamedNode(license)),
    ]
    if fmt.name == "csv":
        return _csv(description)
    if fmt.name in ("trig", "nquads"):  # keep the graph of each statement: its provenance
        quads = list(dict.fromkeys(description.quads)) + [
            ox.Quad(t.subject, t.predicate, t.object) for t in about
        ]
        return serialize(quads, fmt)
    return serialize(description.triples() + about, fmt)


def serialize(statements: list[Any], fmt: Format) -> bytes:
    """Triples or quads in one of the graph formats (JSON-LD compacted with the published context)."""
    if fmt.name == "jsonld":
        return to_jsonld(statements)
    rdf = ox.RdfFormat.from_media_type(fmt.media_type)
    if rdf is None:
        raise NotFoundError(f"no serializer for {fmt.media_type}")
    prefixes = (
        _used_prefixes(statements)
        if rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML)
        else None
    )
    return ox.serialize(statements, format=rdf, prefixes=prefixes)  # type: ignore[return-value]


def _used_prefixes(statements: list[Any]) -> dict[str, str]:
    """Only the prefixes the statements use (a short Turtle head)."""
    iris = set()
    for s in statements:
        for term in (s.subject, s.predicate, s.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    return {p: ns for p, ns in _PREFIXES.items() if any(i.startswith(ns) for i in iris)}


def _csv(description: Description) -> bytes:
    """subject, predicate, object, object kind (iri, bnode, literal), datatype, language, graph."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["subject", "predicate", "object", "object_kind", "datatype", "language", "graph"])
    for quad in dict.fromkeys(description.quads):
        obj = quad.object
        kind = (
            "iri"
            if isinstance(obj, ox.NamedNode)
            else "bnode"
            if isinstance(obj, ox.BlankNode)
            else "literal"
        )
        datatype = obj.datatype.value if isinstance(obj, ox.Literal) and not obj.language else ""
        language = obj.language or "" if isinstance(obj, ox.Literal) else ""
        graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        subject = quad.subject.value if isinstance(quad.subject, ox.NamedNode) else f"_:{quad.subject.value}"
        value = obj.value if not isinstance(obj, ox.BlankNode) else f"_:{obj.value}"
        writer.writerow([subject, quad.predicate.value, value, kind, datatype, language, graph])
    return out.getvalue().encode("utf-8")
