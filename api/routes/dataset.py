"""The dataset description: VoID at /.well-known/void and the DCAT catalogue at /catalog (one graph)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from firmgraph.api.deps import KG, AppSettings
from firmgraph.api.negotiation import GRAPH_FORMATS, choose
from firmgraph.api.routes.entities import serialize
from firmgraph.graph.dataset import Endpoints, describe_dataset

__all__ = ["router"]

router = APIRouter(tags=["Dataset description"])


async def _description(request: Request, kg: KG, settings: AppSettings) -> Response:
    fmt = choose(
        GRAPH_FORMATS, accept=request.headers.get("accept"), format_param=request.query_params.get("format")
    )
    endpoints = Endpoints(str(request.base_url).rstrip("/"))
    triples = await run_in_threadpool(
        describe_dataset, kg.store, settings.base_iri, settings.license, endpoints
    )
    media = fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else "")
    return Response(serialize(triples, fmt), media_type=media, headers={"Vary": "Accept"})


@router.api_route("/.well-known/void", methods=["GET", "HEAD"], summary="VoID description of the dataset")
async def void(request: Request, kg: KG, settings: AppSettings) -> Response:
    return await _description(request, kg, settings)


@router.api_route("/catalog", methods=["GET", "HEAD"], summary="DCAT catalogue of the dataset")
async def catalog(request: Request, kg: KG, settings: AppSettings) -> Response:
    return await _description(request, kg, settings)
