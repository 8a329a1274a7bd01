"""The vocabulary and the shapes: HTML documentation and RDF at /ontology and /shapes, by Accept.

The ontology IRI `https://w3id.org/firmgraph/ns` and its version IRI `…/ns/{version}` answer at
`/ns` and `/ns/{version}` (the same documents as `/ontology` and `/ontology/{version}`); the JSON-LD
context of a version at `/ns/context/{version}.jsonld`. These are documents (a hash namespace), so
they negotiate directly, with `Vary: Accept`, instead of redirecting.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from firmgraph import ontology, shapes
from firmgraph.api.deps import AppSettings
from firmgraph.api.negotiation import GRAPH_FORMATS, Format, choose
from firmgraph.api.routes.entities import HTML, link, serialize
from firmgraph.api.routes.rendering import templates
from firmgraph.graph.errors import NotFoundError
from firmgraph.graph.model.terms import named_node
from firmgraph.graph.publish.jsonld import CONTEXT_IRI, context
from firmgraph.graph.publish.termdocs import document_shapes, document_vocabulary
from firmgraph.graph.sparql.cookbook import load_cookbook

__all__ = ["DOCUMENT_FORMATS", "router"]

router = APIRouter(tags=["Vocabulary"])

DOCUMENT_FORMATS: tuple[Format, ...] = (HTML, *GRAPH_FORMATS)
"""HTML first: browsers (and `*/*`) get the documentation."""
SHAPES_IRI = "https://w3id.org/firmgraph/ns/shapes"
VARY = {"Vary": "Accept"}


def _triples(graph: Any) -> list[ox.Triple]:
    return list(ox.parse(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES))


@cache
def ontology_triples() -> list[ox.Triple]:
    return _triples(ontology.load())


@cache
def shapes_triples() -> list[ox.Triple]:
    return _triples(shapes.load())


@cache
def _body(which: str, fmt_name: str) -> bytes:
    fmt = next(f for f in GRAPH_FORMATS if f.name == fmt_name)
    triples = ontology_triples() if which == "ontology" else shapes_triples()
    return serialize(triples, fmt)


def _choose(request: Request) -> Format:
    return choose(
        DOCUMENT_FORMATS,
        accept=request.headers.get("accept"),
        format_param=request.query_params.get("format"),
    )


def _data(which: str, fmt: Format, canonical: str) -> Response:
    media = fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else "")
    headers = {**VARY, "Link": f'<{canonical}>; rel="canonical"', "Cache-Control": "public, max-age=3600"}
    return Response(_body(which, fmt.name), media_type=media, headers=headers)


def _render(name: str, request: Request, settings: Any, **context: Any) -> HTMLResponse:
    html = templates.get_template(name).render(
        request=request,
        cookbook=load_cookbook(),
        link=lambda i: link(i, settings.base_iri),
        formats=[(f.label, f.name) for f in GRAPH_FORMATS],
        **context,
    )
    return HTMLResponse(html, headers=VARY)


def _ontology(request: Request, settings: Any) -> Response:
    fmt = _choose(request)
    if fmt is not HTML:
        return _data("ontology", fmt, ontology.VERSION_IRI)
    vocabulary = document_vocabulary(ontology.load(), ontology.ONTOLOGY_IRI, own=ontology.ONTOLOGY_IRI)
    return _render(
        "ontology.html",
        request,
        settings,
        v=vocabulary,
        anchors=vocabulary.anchors,
        version=ontology.VERSION,
        context_iri=CONTEXT_IRI,
        context_href=link(CONTEXT_IRI, settings.base_iri),
    )


def _shapes(request: Request, settings: Any) -> Response:
    fmt = _choose(request)
    if fmt is not HTML:
        return _data("shapes", fmt, SHAPES_IRI)
    return _render("shapes.html", request, settings, shapes=document_shapes(shapes.load()), iri=SHAPES_IRI)


def _version(version: str) -> None:
    if version != ontology.VERSION:
        raise NotFoundError(f"no vocabulary version {version!r} (this server has {ontology.VERSION})")


@router.api_route("/ontology", methods=["GET", "HEAD"], summary="The vocabulary: HTML docs or RDF by Accept")
async def ontology_document(request: Request, settings: AppSettings) -> Response:
    return _ontology(request, settings)


@router.api_route("/ns", methods=["GET", "HEAD"], summary="The ontology IRI (same as /ontology)")
async def ontology_iri(request: Request, settings: AppSettings) -> Response:
    return _ontology(request, settings)


@router.api_route("/shapes", methods=["GET", "HEAD"], summary="The SHACL shapes: HTML docs or RDF by Accept")
async def shapes_document(request: Request, settings: AppSettings) -> Response:
    return _shapes(request, settings)


@router.api_route("/ns/shapes", methods=["GET", "HEAD"], summary="The shapes IRI (same as /shapes)")
async def shapes_iri(request: Request, settings: AppSettings) -> Response:
    return _shapes(request, settings)


@router.api_route(
    "/ns/context/{name}", methods=["GET", "HEAD"], summary="The JSON-LD @context of a vocabulary version"
)
async def jsonld_context(name: str) -> Response:
    _version(name.removesuffix(".jsonld"))
    if not name.endswith(".jsonld"):
        raise NotFoundError(f"no context {name!r}; try {ontology.VERSION}.jsonld")
    return Response(
        json.dumps(context(), indent=1, ensure_ascii=False).encode(),
        media_type="application/ld+json",
        headers={"Cache-Control": "public, max-age=31536000, immutable", "Access-Control-Allow-Origin": "*"},
    )


@router.api_route("/ontology/{version}", methods=["GET", "HEAD"], summary="One version of the vocabulary")
async def ontology_version(version: str, request: Request, settings: AppSettings) -> Response:
    _version(version)
    return _ontology(request, settings)


@router.api_route("/ns/{segment}", methods=["GET", "HEAD"], summary="A version IRI of the vocabulary")
async def ontology_version_iri(segment: str, request: Request, settings: AppSettings) -> Response:
    _version(segment)
    return _ontology(request, settings)


@router.api_route(
    "/ns/{scheme}/{name}", methods=["GET", "HEAD"], summary="A concept: 303 to the vocabulary that defines it"
)
async def concept(scheme: str, name: str, request: Request) -> Response:
    """A concept (`…/ns/reason/ai`) or, with an empty name, its scheme (`…/ns/reason/`)."""
    iri = f"{ontology.ONTOLOGY_IRI}/{scheme}/{name}"
    subject = named_node(iri)
    if not any(t.subject == subject for t in ontology_triples()):
        raise NotFoundError(f"no concept <{iri}>")
    fmt = _choose(request)
    anchor = f"{scheme}-{name}" if name else iri.replace(":", "-")
    target = f"/ontology#{anchor}" if fmt is HTML else f"/ontology?format={fmt.name}"
    return RedirectResponse(target, status_code=303, headers=VARY)


@router.api_route("/ns/{scheme}/", methods=["GET", "HEAD"], summary="A concept scheme: 303 to the vocabulary")
async def concept_scheme(scheme: str, request: Request) -> Response:
    return await concept(scheme, "", request)
