"""The SPARQL 1.1 Graph Store HTTP Protocol at /rdf-graphs: reads for all, writes with the token."""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import default
from pathlib import PurePosixPath

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from firmgraph.api.deps import KG, AppSettings, Body, Engine, WriteAccess, Writer
from firmgraph.api.negotiation import GRAPH_FORMATS, choose, find
from firmgraph.api.routes.sparql import content_type, execute, result_response
from firmgraph.graph.errors import InputError, MethodNotAllowedError, NotFoundError, UnsupportedMediaTypeError
from firmgraph.graph.model.terms import iri
from firmgraph.graph.sparql.engine import QueryJob

router = APIRouter(tags=["Graph Store"])


def target(request: Request) -> str | None:
    """The graph a request names: `graph=IRI`, or None for `default`."""
    params = request.query_params
    graphs = params.getlist("graph")
    if ("default" in params) == bool(graphs) or len(graphs) > 1:
        raise InputError("name the graph: ?graph=IRI or ?default (exactly one)")
    if not graphs:
        return None
    try:
        return ox.NamedNode(graphs[0]).value
    except ValueError as e:
        raise InputError(f"not an absolute IRI: {graphs[0]!r}") from e


RDF_TYPES = ", ".join(f.media_type for f in GRAPH_FORMATS)


def rdf_format(media: str) -> ox.RdfFormat | None:
    """The RDF format of a media type we read, or None."""
    fmt = find(GRAPH_FORMATS, media)
    return ox.RdfFormat.from_media_type(fmt.media_type) if fmt else None


def body_format(request: Request) -> ox.RdfFormat:
    media = content_type(request)
    rdf = rdf_format(media)
    if rdf is None:
        raise UnsupportedMediaTypeError(f"send RDF as one of {RDF_TYPES}, not {media or 'no content type'}")
    return rdf


def multipart_bodies(request: Request, body: bytes) -> list[tuple[bytes, ox.RdfFormat]]:
    """The RDF files of a `multipart/form-data` POST: each part's format from its content type,
    else from its file name's extension."""
    message = BytesParser(policy=default).parsebytes(
        b"Content-Type: " + request.headers.get("content-type", "").encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        raise InputError("a multipart/form-data body needs a boundary and at least one part")
    bodies = []
    for part in message.iter_parts():
        name = part.get_filename() or part.get_param("name", header="content-disposition") or "a part"
        rdf = rdf_format(part.get_content_type()) if part.get("content-type") else None
        if rdf is None and part.get_filename():
            rdf = ox.RdfFormat.from_extension(PurePosixPath(part.get_filename()).suffix.lstrip("."))
        if rdf is None:
            raise UnsupportedMediaTypeError(
                f"part {name!r} is not RDF: give it a content type ({RDF_TYPES}) or a file name with its extension"
            )
        bodies.append((part.get_payload(decode=True) or b"", rdf))
    if not bodies:
        raise InputError("the multipart/form-data body has no part")
    return bodies


@router.api_route("/rdf-graphs", methods=["GET", "HEAD"], summary="A graph's triples")
async def get_graph(request: Request, kg: KG, engine: Engine, settings: AppSettings) -> Response:
    graph = target(request)
    fmt = choose(
        GRAPH_FORMATS, accept=request.headers.get("accept"), format_param=request.query_params.get("format")
    )
    if graph is None:  # the store's own default graph, not the union queries see
        text, union = "CONSTRUCT WHERE { ?s ?p ?o }", False
    elif await run_in_threadpool(kg.store.has_graph, graph):
        text, union = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}", True
    else:
        raise NotFoundError(f"no graph <{graph}>")
    job = QueryJob(text, tabular=None, graph=fmt.media_type, union_default_graph=union)
    return result_response(await execute(request, engine, job, settings))


@router.put("/rdf-graphs", summary="Replace a graph (validated)", status_code=204)
async def put_graph(
    request: Request, _: WriteAccess, writer: Writer, settings: AppSettings, body: Body
) -> Response:
    graph, fmt = target(request), body_format(request)
    result = await run_in_threadpool(writer.replace_graph, graph, body, fmt, base=settings.base_iri)
    return Response(status_code=201 if result.created else 204)


@router.post("/rdf-graphs", summary="Add triples to a graph (validated with its content)", status_code=204)
async def post_graph(
    request: Request, _: WriteAccess, writer: Writer, settings: AppSettings, body: Body
) -> Response:
    graph = target(request)
    if content_type(request) == "multipart/form-data":
        bodies = multipart_bodies(request, body)
    else:
        bodies = [(body, body_format(request))]
    result = await run_in_threadpool(writer.add_to_graph, graph, bodies, base=settings.base_iri)
    return Response(status_code=201 if result.created else 204)


@router.delete("/rdf-graphs", summary="Drop a graph", status_code=204)
async def delete_graph(request: Request, _: WriteAccess, writer: Writer) -> Response:
    graph = target(request)
    await run_in_threadpool(writer.drop_graph, graph)
    return Response(status_code=204)


@router.delete("/sources", summary="Remove an imported source and what only it supported")
async def remove_source(
    name: str, _: WriteAccess, writer: Writer, settings: AppSettings
) -> dict[str, object]:
    """`name`: the file name as imported, the document IRI or the source graph IRI."""
    removals = await run_in_threadpool(writer.remove_sources, name, settings.base_iri)
    return {
        "removed": [
            {"graph": r.graph, "quads": r.quads, "entities": r.entities, "canonical_events": r.events}
            for r in removals
        ]
    }


@router.api_route("/rdf-graphs", methods=["PATCH"], include_in_schema=False)
async def other_graph_method() -> None:
    raise MethodNotAllowedError(
        "the graph store takes GET, HEAD, PUT, POST and DELETE", allow="GET, HEAD, PUT, POST, DELETE"
    )
