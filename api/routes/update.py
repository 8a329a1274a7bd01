"""The SPARQL 1.1 Protocol's update operation at /sparql/update (token-protected, SHACL-guarded)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from firmgraph.api.deps import Body, WriteAccess, get_writer
from firmgraph.api.routes.protocol import FORM, content_type, decode, parse_form
from firmgraph.graph.errors import InputError, MethodNotAllowedError, UnsupportedMediaTypeError

router = APIRouter(tags=["SPARQL"])

DIRECT = "application/sparql-update"


@router.post("/sparql/update", summary="Update (POST form-encoded, or POST application/sparql-update)")
async def update_post(request: Request, _: WriteAccess, body: Body) -> JSONResponse:
    media = content_type(request)
    if media == FORM:
        return await run_update(request, parse_form(body))
    if media == DIRECT:
        params = request.query_params
        form = {
            "update": [decode(body)],
            "using-graph-uri": params.getlist("using-graph-uri"),
            "using-named-graph-uri": params.getlist("using-named-graph-uri"),
        }
        return await run_update(request, form)
    raise UnsupportedMediaTypeError(
        f"POST an update as {FORM} (update=...) or as {DIRECT}, not {media or 'no content type'}"
    )


@router.api_route("/sparql/update", methods=["GET", "PUT", "DELETE", "PATCH"], include_in_schema=False)
async def update_other() -> None:
    raise MethodNotAllowedError("send updates with POST", allow="POST")


async def run_update(request: Request, form: dict[str, list[str]]) -> JSONResponse:
    """Apply one update (its parameters as the protocol names them) through the SHACL guard."""
    writer = get_writer(request)
    updates = form.get("update", [])
    if len(updates) != 1 or not updates[0].strip():
        raise InputError("give exactly one non-empty 'update'")
    result = await run_in_threadpool(
        writer.update,
        updates[0],
        using=tuple(form.get("using-graph-uri", [])),
        using_named=tuple(form.get("using-named-graph-uri", [])),
        base=str(request.url.replace(query=None, fragment=None)),
    )
    warnings = result.report.to_json()["warnings"] if result.report is not None else []
    return JSONResponse({"inserted": result.inserted, "deleted": result.deleted, "warnings": warnings})
