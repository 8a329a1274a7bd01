"""Defence in depth: a query worker cannot reach the network unless SERVICE is enabled."""

from __future__ import annotations

from pathlib import Path

import pytest

from firmgraph.graph.errors import QueryError
from firmgraph.graph.sparql.engine import QueryJob, WorkerPool
from firmgraph.graph.store import EmbeddedStore
from tests.security.conftest import Listener


@pytest.mark.parametrize("network", [False, True])
def test_a_worker_reaches_the_listener_only_when_the_network_is_on(
    tmp_path: Path, listener: Listener, network: bool
) -> None:
    store = EmbeddedStore(tmp_path / "store")
    pool = WorkerPool(store, timeout=10, spares=1, network=network)
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"  # straight to the pool: no guard
    before = len(listener.hits)
    try:
        with pytest.raises(QueryError):
            pool.execute(QueryJob(query))
    finally:
        pool.close()
        store.close()
    assert (len(listener.hits) > before) is network
