"""DELETE /sources removes an imported source over HTTP, with the token; queries see it gone at once."""

from __future__ import annotations

import httpx

from tests.http.conftest import TOKEN, Server

KLARNA = 'ASK { ?d <https://schema.org/name> "klarna-ki-stellenabbau.de.json" }'


def test_a_source_is_removed_with_the_token_and_queries_see_it_gone(write_server: Server) -> None:
    url = write_server.url + "/sources"
    name = {"name": "klarna-ki-stellenabbau.de.json"}
    assert httpx.delete(url, params=name).status_code == 401
    ask = httpx.get(
        write_server.url + "/sparql", params={"query": KLARNA}, headers={"Accept": "application/json"}
    )
    assert ask.json()["boolean"] is True
    done = httpx.delete(url, params=name, headers={"Authorization": f"Bearer {TOKEN}"})
    assert done.status_code == 200, done.text
    (removed,) = done.json()["removed"]
    assert removed["quads"] > 0 and removed["graph"].startswith("https://w3id.org/firmgraph/graph/doc/")
    ask = httpx.get(
        write_server.url + "/sparql", params={"query": KLARNA}, headers={"Accept": "application/json"}
    )
    assert ask.json()["boolean"] is False
    again = httpx.delete(url, params=name, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 404 and "no imported source is called" in again.json()["message"]
