"""The dataset description: VoID at /.well-known/void and the DCAT catalogue at /catalog (one graph).

Counting takes seconds on a large store (15 s at 1M quads), so a description is reused for
CACHE_SECONDS; its `dcterms:modified` says what day it describes.
"""

from __future__ import annotations

import time
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from firmgraph.api.deps import KG, AppSettings, Reader, server_address
from firmgraph.api.negotiation import GRAPH_FORMATS, choose, prefers_html
from firmgraph.api.routes.entities import serialize
from firmgraph.api.routes.rendering import triples_page
from firmgraph.graph.publish.dataset import Endpoints, describe_dataset

__all__ = ["router"]

router = APIRouter(tags=["Dataset description"])

CACHE_SECONDS = 300.0
_cache: dict[tuple[Any, ...], tuple[float, list[ox.Triple]]] = {}
_PLACEHOLDER = "urn:x-firmgraph:server"
"""Counted once with this server address; each answer puts its own address in (the cache never sees Host)."""


def _described(kg: Any, reader: Reader, base: str, license: str) -> list[ox.Triple]:
    key = (id(kg.store), base, license)
    hit = _cache.get(key)
    if hit is not None and time.monotonic() - hit[0] < CACHE_SECONDS:
        return hit[1]
    triples = describe_dataset(reader, base, license, Endpoints(_PLACEHOLDER))
    _cache[key] = (time.monotonic(), triples)
    return triples


def _addressed(triples: list[ox.Triple], server: str) -> list[ox.Triple]:
    def term(t: Any) -> Any:
        if isinstance(t, ox.NamedNode) and t.value.startswith(_PLACEHOLDER):
            return ox.NamedNode(server + t.value[len(_PLACEHOLDER) :])
        return t

    return [ox.Triple(term(t.subject), t.predicate, term(t.object)) for t in triples]


async def _description(request: Request, kg: KG, reader: Reader, settings: AppSettings) -> Response:
    accept, format_param = request.headers.get("accept"), request.query_params.get("format")
    server = server_address(request, settings.public_url)
    triples = await run_in_threadpool(_described, kg, reader, settings.base_iri, settings.license)
    if prefers_html(GRAPH_FORMATS, accept=accept, format_param=format_param):
        intro = "What this dataset holds (VoID) and how to get it (DCAT): counts, dumps, the SPARQL endpoint."
        return triples_page(request, "Dataset description", intro, _addressed(triples, server))
    fmt = choose(GRAPH_FORMATS, accept=accept, format_param=format_param)
    media = fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else "")
    return Response(serialize(_addressed(triples, server), fmt), media_type=media, headers={"Vary": "Accept"})


@router.api_route("/.well-known/void", methods=["GET", "HEAD"], summary="VoID description of the dataset")
async def void(request: Request, kg: KG, reader: Reader, settings: AppSettings) -> Response:
    return await _description(request, kg, reader, settings)


@router.api_route("/catalog", methods=["GET", "HEAD"], summary="DCAT catalogue of the dataset")
async def catalog(request: Request, kg: KG, reader: Reader, settings: AppSettings) -> Response:
    return await _description(request, kg, reader, settings)
