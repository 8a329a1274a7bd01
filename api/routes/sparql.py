"""The SPARQL 1.1 Protocol's query operation at /sparql, and its service description."""

from __future__ import annotations

from typing import Any

import anyio
import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from firmgraph.api.deps import read_body, require_token
from firmgraph.api.negotiation import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    Format,
    NotAcceptable,
    choose,
    parse_accept,
    prefers_html,
)
from firmgraph.api.routes.protocol import FORM, content_type, decode, one, parse_form
from firmgraph.api.routes.rendering import triples_page
from firmgraph.api.routes.update import run_update
from firmgraph.graph.errors import InputError, MethodNotAllowedError, QueryError, UnsupportedMediaTypeError
from firmgraph.graph.model.namespaces import PREFIXES
from firmgraph.graph.settings import Settings
from firmgraph.graph.sparql.engine import QueryEngine, QueryJob, QueryOutcome
from firmgraph.graph.sparql.guard import refuse_remote_calls

router = APIRouter(tags=["SPARQL"])

DIRECT = "application/sparql-query"


@router.api_route(
    "/sparql", methods=["GET", "HEAD"], summary="Query (GET), or the service description without a query"
)
async def query_get(request: Request) -> Response:
    # the engine and settings come from the app's state, not from dependencies: FastAPI resolves
    # an overridden dependency's signature on every request, a fixed cost on every query
    engine, settings = _state(request)
    params = request.query_params
    queries = params.getlist("query")
    if not queries:
        return service_description(request, settings)
    return await answer(
        request,
        engine,
        settings,
        one(queries, "query"),
        default_graphs=params.getlist("default-graph-uri"),
        named_graphs=params.getlist("named-graph-uri"),
    )


@router.post("/sparql", summary="Query (POST form-encoded, or POST application/sparql-query)")
async def query_post(request: Request) -> Response:
    engine, settings = _state(request)
    body = await read_body(request, settings)
    media = content_type(request)
    if media == FORM:
        form = parse_form(body)
        if "update" in form:
            # the protocol lets one URL take both operations (clients configured with one endpoint)
            require_token(request, settings)
            return await run_update(request, form)
        return await answer(
            request,
            engine,
            settings,
            one(form.get("query", []), "query"),
            default_graphs=form.get("default-graph-uri", []),
            named_graphs=form.get("named-graph-uri", []),
            formats=form.get("format"),
        )
    if media == DIRECT:
        params = request.query_params
        return await answer(
            request,
            engine,
            settings,
            decode(body),
            default_graphs=params.getlist("default-graph-uri"),
            named_graphs=params.getlist("named-graph-uri"),
        )
    raise UnsupportedMediaTypeError(
        f"POST a query as {FORM} (query=...) or as {DIRECT}, not {media or 'no content type'}"
    )


class QueryFastPath:
    """ASGI middleware: GET and POST /sparql go straight to their handlers (the same functions the
    routes call), past the framework's routing and middleware stack, a fixed cost on every query.

    Errors are answered by the app's own exception handlers. Cross-origin requests (an Origin
    header), HEAD and everything else go through the app as usual.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] != "/sparql"
            or scope["method"] not in ("GET", "POST")
            or any(name == b"origin" for name, _ in scope["headers"])
        ):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await (query_get if scope["method"] == "GET" else query_post)(request)
        except Exception as error:
            handler = _handler_for(scope["app"].exception_handlers, error)
            if handler is None:
                raise
            response = await handler(request, error)
        await response(scope, receive, send)


def _handler_for(handlers: dict[Any, Any], error: Exception) -> Any:
    """The app's handler for an exception (its class's, else the nearest base class's)."""
    for cls in type(error).__mro__:
        if cls in handlers:
            return handlers[cls]
    return None


def _state(request: Request) -> tuple[QueryEngine, Settings]:
    state = request.app.state
    return state.engine, state.settings


@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
async def query_other() -> None:
    raise MethodNotAllowedError("query with GET or POST", allow="GET, HEAD, POST")


async def answer(
    request: Request,
    engine: QueryEngine,
    settings: Settings,
    text: str,
    *,
    default_graphs: list[str],
    named_graphs: list[str],
    formats: list[str] | None = None,
) -> Response:
    """Run a query and answer in the negotiated format."""
    values = formats or request.query_params.getlist("format")
    accept = request.headers.get("accept")
    tabular = _pick(RESULT_FORMATS, accept, values)
    graph = _pick(GRAPH_FORMATS, accept, values)
    fmt = values[0] if values else None
    if tabular is None and graph is None:
        raise NotAcceptable(RESULT_FORMATS + GRAPH_FORMATS, fmt or accept or "")
    job = QueryJob(
        text,
        tabular=tabular.media_type if tabular else None,
        graph=graph.media_type if graph else None,
        default_graphs=_iris(default_graphs),
        named_graphs=_iris(named_graphs),
        base_iri=str(request.url.replace(query=None, fragment=None)),
    )
    outcome = await execute(request, engine, job, settings)
    if not outcome.media_type:
        raise NotAcceptable(GRAPH_FORMATS if outcome.kind == "graph" else RESULT_FORMATS, fmt or accept or "")
    return result_response(outcome)


def _pick(table: tuple[Format, ...], accept: str | None, values: list[str]) -> Format | None:
    """The first `format=` value this table knows (clients send several, one per name they guess),
    else the Accept header's choice: when the values name formats of the other table only, or
    names this server does not know (SPARQLWrapper's `n3`) and the header asks for real types."""
    for value in values:
        if (found := _choose_or_none(table, None, value)) is not None:
            return found
    known = any(_choose_or_none(t, None, v) for v in values for t in (RESULT_FORMATS, GRAPH_FORMATS))
    explicit = accept is not None and any(media != "*/*" for media, _, _ in parse_accept(accept))
    if values and not known and not explicit:
        return None
    return _choose_or_none(table, accept, None)


def _choose_or_none(table: tuple[Format, ...], accept: str | None, fmt: str | None) -> Format | None:
    try:
        return choose(table, accept=accept, format_param=fmt)
    except NotAcceptable:
        return None


def _iris(values: list[str]) -> tuple[str, ...] | None:
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError as e:
            raise InputError(f"not an absolute IRI: {value!r}") from e
    return tuple(values) or None


async def execute(request: Request, engine: QueryEngine, job: QueryJob, settings: Settings) -> QueryOutcome:
    """Check a query job and run it on the engine, off the event loop."""
    if "SERVICE" in job.text.upper() or "\\" in job.text:  # else no keyword can be SERVICE: spare the parse
        refuse_remote_calls(
            job.text,
            update=False,
            allow_service=settings.allow_service,
            allow_load=settings.allow_load,
            service_hosts=settings.hosts_for_service,
        )
    execute_async = getattr(engine, "execute_async", None)
    if execute_async is not None:  # waits on the event loop for the worker's answer
        return await execute_async(job)  # type: ignore[no-any-return]
    return await anyio.to_thread.run_sync(engine.execute, job, limiter=request.app.state.limiter)


def result_response(outcome: QueryOutcome) -> Response:
    """A complete answer: protocol clients get every row or an error, never a silent cut (the byte
    budget, max_result_bytes, answers an error that says how to page)."""
    if outcome.truncated:
        raise QueryError(
            f"the answer has more than {outcome.rows} rows, the most this endpoint returns at once;"
            " page with ORDER BY, LIMIT and OFFSET"
        )
    headers = {"Vary": "Accept", "X-Firmgraph-Rows": str(outcome.rows)}
    media = outcome.media_type
    if media.startswith("text/"):
        media += "; charset=utf-8"
    return Response(outcome.body, media_type=media, headers=headers)


def service_description(request: Request, settings: Settings) -> Response:
    """The SPARQL 1.1 Service Description of this endpoint, in a negotiated RDF format."""
    endpoint = str(request.url.replace(query=None, fragment=None))
    results = ", ".join(f"formats:{_FORMAT_IRIS[f.name]}" for f in RESULT_FORMATS + GRAPH_FORMATS)
    features = "sd:UnionDefaultGraph" + (", sd:BasicFederatedQuery" if settings.allow_service else "")
    turtle = f"""
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat {results} ;
    sd:feature {features} ;
    dcterms:license <{settings.license}> ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
<{endpoint}/update> a sd:Service ;
    sd:endpoint <{endpoint}/update> ;
    sd:supportedLanguage sd:SPARQL11Update .
"""
    accept, format_param = request.headers.get("accept"), request.query_params.get("format")
    triples = ox.parse(turtle, ox.RdfFormat.TURTLE)
    if prefers_html(GRAPH_FORMATS, accept=accept, format_param=format_param):
        intro = (
            "The SPARQL 1.1 service description of this endpoint: its query and update endpoints and formats."
        )
        return triples_page(request, "SPARQL service description", intro, list(triples))
    fmt = choose(GRAPH_FORMATS, accept=accept, format_param=format_param)
    rdf_format = ox.RdfFormat.from_media_type(fmt.media_type)
    if rdf_format is not None and rdf_format.supports_datasets:
        triples = (ox.Quad(t.subject, t.predicate, t.object) for t in triples)  # type: ignore[assignment]
    prefixes = {
        "sd": "http://www.w3.org/ns/sparql-service-description#",
        "formats": "http://www.w3.org/ns/formats/",
    }
    body = ox.serialize(triples, format=rdf_format, prefixes=prefixes | {"dcterms": PREFIXES["dcterms"]})
    media = fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else "")
    return Response(body, media_type=media, headers={"Vary": "Accept"})


_FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
    "trig": "TriG",
    "nquads": "N-Quads",
}
