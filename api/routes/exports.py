"""Dumps over HTTP: /exports/firmgraph.{nq,trig,ttl,nt,jsonld}[.gz], streamed as they are written.

`?graph=IRI` dumps one named graph. A `.gz` name is served as `application/gzip` (a file to save,
not a transfer encoding), so what arrives is byte for byte what `firmgraph export -o NAME` writes.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from firmgraph.api.deps import KG, AppSettings, server_address
from firmgraph.graph.errors import NotFoundError
from firmgraph.graph.publish.export import FORMATS, DumpFormat, dump_chunks, dump_name

__all__ = ["router"]

router = APIRouter(tags=["Dumps"])


def _by_name() -> dict[str, tuple[DumpFormat, bool]]:
    return {dump_name(f, compressed=c): (f, c) for f in FORMATS.values() for c in (False, True)}


@router.get("/exports", summary="The dumps on offer")
async def listing(request: Request, settings: AppSettings) -> JSONResponse:
    server = server_address(request, settings.public_url)
    dumps = [
        {
            "name": name,
            "url": f"{server}/exports/{name}",
            "format": fmt.name,
            "media_type": "application/gzip" if compressed else fmt.media_type,
            "content": fmt.media_type,
            "graph_names": fmt.quads,
        }
        for name, (fmt, compressed) in _by_name().items()
    ]
    return JSONResponse({"license": settings.license, "dumps": dumps})


@router.get("/exports/{name}", summary="A full dump (or one graph with ?graph=IRI), streamed")
async def dump(name: str, kg: KG, settings: AppSettings, graph: str | None = None) -> StreamingResponse:
    found = _by_name().get(name)
    if found is None:
        raise NotFoundError(f"no dump {name!r}; available: {', '.join(_by_name())}")
    fmt, compressed = found
    chunks = await run_in_threadpool(dump_chunks, kg.store, fmt, graph=graph, compressed=compressed)
    media = "application/gzip" if compressed else fmt.media_type
    if media.startswith("text/"):
        media += "; charset=utf-8"
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "Link": f'<{settings.license}>; rel="license"',
    }
    return StreamingResponse(chunks, media_type=media, headers=headers)
