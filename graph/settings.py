"""Typed settings, read once from the environment (prefix FIRMGRAPH_)."""

from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything firmgraph can be configured with; see docs/configuration in the README."""

    model_config = SettingsConfigDict(env_prefix="FIRMGRAPH_")

    store: str = "./firmgraph-data"
    """A folder for the embedded store, or an http(s) URL of a SPARQL 1.1 endpoint."""
    base_iri: str = "https://w3id.org/firmgraph/"
    """Data IRIs are {base_iri}id/{kind}/{key}; named graphs {base_iri}graph/..."""
    max_input_bytes: int = 10 * 1024 * 1024
    token: str | None = None
    """Bearer token that authorises writes over HTTP; writes are off without one."""
    query_timeout: float = 10.0
    max_rows: int = 10_000
    max_body_bytes: int = 10 * 1024 * 1024
    allow_service: bool = False
    service_hosts: str = ""
    """With allow_service: the hosts SERVICE may call, comma-separated ('' = any host)."""
    allow_load: bool = False
    query_workers: int = 0
    """The most query worker processes at once; 0: 32."""
    query_memory: int = 0
    """Bytes all running queries together may use (one may use half); 0: an eighth of the RAM."""
    max_connections: int = 1000
    """Open connections the server takes at once; beyond, new ones get 503."""
    max_result_bytes: int = 64 * 1024 * 1024
    """The largest answer one query may return; beyond, it is refused with a message."""
    public_url: str = ""
    """This server's public address (https://host[:port]) for links in answers; '' = the request's."""
    cors_origins: str = "*"
    license: str = "https://creativecommons.org/licenses/by/4.0/"

    @property
    def hosts_for_service(self) -> tuple[str, ...]:
        """`service_hosts` as a tuple of host names."""
        return tuple(h.strip() for h in self.service_hosts.split(",") if h.strip())


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; tests call get_settings.cache_clear() after changing the env."""
    return Settings()
