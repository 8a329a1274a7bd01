"""The HTTP app: a factory, the error handler, and the routers (one per concern, in api/routes/)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from firmgraph.api.cors import CrossOrigin
from firmgraph.api.negotiation import NotAcceptable
from firmgraph.api.routes import (
    dataset,
    entities,
    errors,
    exports,
    graphs,
    home,
    search,
    sparql,
    update,
    views,
    vocabulary,
    workbench,
)
from firmgraph.graph.errors import FirmgraphError
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings, get_settings
from firmgraph.graph.sparql.engine import open_engine, pool_size
from firmgraph.graph.sparql.writes import GuardedWriter
from firmgraph.graph.version import __version__

__all__ = ["create_app"]


def create_app(kg: KnowledgeGraph | None = None, settings: Settings | None = None) -> FastAPI:
    """The firmgraph web app over a knowledge graph (default: the store the settings name).

    Args:
        kg: the graph to serve; the app opens (and closes) the settings' store when None.
        settings: overrides get_settings() for this app (tests).
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        graph = kg or KnowledgeGraph.open(settings.store, settings=settings)
        workers, budget = pool_size(settings.query_workers, settings.query_memory)
        engine = await anyio.to_thread.run_sync(
            lambda: open_engine(
                graph.store,
                timeout=settings.query_timeout,
                max_workers=workers,
                memory_budget=budget,
                network=settings.allow_service,
                max_result_bytes=settings.max_result_bytes,
            )
        )
        app.state.kg = graph
        app.state.engine = engine
        app.state.writer = (
            GuardedWriter(
                graph.store, engine, allow_load=settings.allow_load, allow_service=settings.allow_service
            )
            if graph.store.native is not None
            else None
        )
        # queries wait for their worker in threads: enough of them for a full pool and some queued
        app.state.limiter = anyio.CapacityLimiter(64)
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(engine.close)
            if kg is None:
                graph.close()

    app = FastAPI(
        title="firmgraph",
        version=__version__,
        description="A SPARQL 1.1 endpoint and query workbench over the firmgraph knowledge graph.",
        lifespan=lifespan,
        # Swagger UI and ReDoc load their scripts from a CDN; the schema itself is local
        docs_url=None,
        redoc_url=None,
    )
    app.dependency_overrides[get_settings] = lambda: settings
    app.state.settings = settings  # for routes that read it without a dependency (/sparql)
    app.add_middleware(
        CrossOrigin, settings=settings
    )  # reads from the read origins, writes from the write ones
    # outermost: queries skip the routing and middleware stack (cross-origin ones take the long way)
    app.add_middleware(sparql.QueryFastPath)
    app.add_exception_handler(FirmgraphError, errors.firmgraph_error)  # type: ignore[arg-type]
    app.add_exception_handler(NotAcceptable, errors.not_acceptable)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, errors.http_error)  # type: ignore[arg-type]
    for module in (sparql, update, graphs, home, search, workbench, views):
        app.include_router(module.router)
    for module in (entities, vocabulary, exports, dataset):  # linked data: IRIs, vocabulary, dumps, VoID
        app.include_router(module.router)
    app.mount("/static", StaticFiles(packages=[("firmgraph.api", "static")]), name="static")
    return app
