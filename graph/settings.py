"""Typed settings: one object, read once from the environment (prefix FIRMGRAPH_) and a `.env` file.

Each default is written once, here; `docs/configuration.md` is generated from these classes
(`reference()`), and a test keeps it current. Variables set in the environment win over `.env`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_QUERY_TIMEOUT",
    "ENV_FILE",
    "RemoteSettings",
    "Settings",
    "get_settings",
    "reference",
]

ENV_FILE = ".env"
"""Read from the working directory, as docs/configuration.md says."""
DEFAULT_QUERY_TIMEOUT = 10.0
"""Seconds a query may run (waiting for a worker included)."""
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""Bytes of one source or request body."""


class RemoteSettings(BaseSettings):
    """How to reach a remote store (env prefix FIRMGRAPH_REMOTE_)."""

    model_config = SettingsConfigDict(
        env_prefix="FIRMGRAPH_REMOTE_", env_file=ENV_FILE, extra="ignore", use_attribute_docstrings=True
    )

    layout: str = "oxigraph"
    """Where the store puts its endpoints: oxigraph, fuseki, graphdb, virtuoso, neptune, sparql, firmgraph."""
    query_url: str | None = None
    """Override the layout's query endpoint."""
    update_url: str | None = None
    """Override the layout's update endpoint."""
    gsp_url: str | None = None
    """Override a layout's Graph Store Protocol endpoint; empty turns the protocol off."""
    auth: str | None = None
    """The whole Authorization header, e.g. `Bearer abc` (credentials in the URL give Basic auth)."""
    token: str | None = None
    """Shorthand for `auth = "Bearer {token}"`."""
    auth_scheme: Literal["basic", "digest"] = "basic"
    """How credentials in the URL (`https://user:pass@host/…`) are sent."""
    timeout: float = 60.0
    """Seconds to wait for an answer."""
    retries: int = 4
    """Retries of a request that failed on the way (connection, 429, 502-504)."""
    backoff: float = 0.25
    """First retry delay in seconds; it doubles with each retry (with jitter)."""
    batch_bytes: int = 4 * 1024 * 1024
    """Largest update request; a bigger commit is staged and swapped in."""
    verify_tls: bool = True
    """Check the server's TLS certificate."""


class Settings(BaseSettings):
    """Everything firmgraph can be configured with (docs/configuration.md lists it)."""

    model_config = SettingsConfigDict(
        env_prefix="FIRMGRAPH_", env_file=ENV_FILE, extra="ignore", use_attribute_docstrings=True
    )

    store: str = "./firmgraph-data"
    """A folder for the embedded store, or an http(s) URL of a SPARQL 1.1 endpoint."""
    base_iri: str = "https://w3id.org/firmgraph/"
    """Data IRIs are {base_iri}id/{kind}/{key}; named graphs {base_iri}graph/..."""
    max_input_bytes: int = DEFAULT_MAX_BYTES
    """The largest source `import` reads (`restore` has no limit)."""
    validation_engine: Literal["compiled", "pyshacl"] = "compiled"
    """How `firmgraph validate` checks the store: compiled (the shapes as SPARQL the store answers) or pyshacl (the reference)."""
    extractor: str = "rules"
    """The extractor that reads articles (one registered under the entry-point group firmgraph.extractors)."""
    token: str | None = None
    """Bearer token that authorises writes over HTTP; writes are off without one."""
    query_timeout: float = DEFAULT_QUERY_TIMEOUT
    """Seconds a query may run on the server; a query past it is stopped (503)."""
    max_rows: int = 10_000
    """Rows per page of the workbench's tables; /sparql answers every row (within max_result_bytes)."""
    max_body_bytes: int = DEFAULT_MAX_BYTES
    """The largest request body the server reads (413 beyond)."""
    allow_service: bool = False
    """Let queries call other endpoints with SERVICE (off: refused, and workers have no network)."""
    service_hosts: str = ""
    """With allow_service: the hosts SERVICE may call, comma-separated ('' = any host)."""
    allow_load: bool = False
    """Let updates LOAD documents from the web."""
    query_workers: int = 0
    """The most query worker processes at once; 0: 32."""
    query_memory: int = 0
    """Bytes all running queries together may use (one may use half); 0: an eighth of the RAM."""
    max_connections: int = 1000
    """Open connections the server takes at once; beyond, new ones get 503."""
    max_result_bytes: int = 64 * 1024 * 1024
    """The largest answer one query may return; beyond, it is refused with a message that says how to page."""
    public_url: str = ""
    """This server's public address (https://host[:port]) for links in answers; '' = the request's."""
    cors_origins: str = "*"
    """Origins browsers may query from, comma-separated (reads only: no Authorization header)."""
    cors_write_origins: str = ""
    """Origins whose pages may also write (send Authorization, PUT, DELETE), comma-separated; '' = none."""
    license: str = "https://creativecommons.org/licenses/by/4.0/"
    """The license the dataset description (VoID, DCAT) states."""
    remote: RemoteSettings = Field(default_factory=RemoteSettings)
    """How to reach a remote store (the FIRMGRAPH_REMOTE_* variables)."""

    @property
    def hosts_for_service(self) -> tuple[str, ...]:
        """`service_hosts` as a tuple of host names."""
        return tuple(h.strip() for h in self.service_hosts.split(",") if h.strip())


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; tests call get_settings.cache_clear() after changing the env."""
    return Settings()


def _rows(cls: type[BaseSettings], prefix: str) -> list[str]:
    rows = []
    for name, field in cls.model_fields.items():
        if isinstance(field.default_factory, type) and issubclass(field.default_factory, BaseSettings):
            continue  # a nested group: listed in its own table
        default: Any = field.default
        shown = "(none)" if default is None else f"`{default}`" if default != "" else "(empty)"
        rows.append(f"| `{prefix}{name.upper()}` | {shown} | {field.description or ''} |")
    return rows


def reference() -> str:
    """The configuration reference (docs/configuration.md) as Markdown, from the settings classes."""
    head = "| variable | default | meaning |\n|---|---|---|\n"
    return (
        "# Configuration\n\n"
        "<!-- generated by firmgraph.graph.settings.reference(); tests/test_settings.py fails when it drifts -->\n\n"
        "Environment variables, or the same names in a `.env` file in the working directory (the\n"
        "environment wins). `KnowledgeGraph.open(..., settings=Settings(...))` and\n"
        "`create_app(kg, settings)` take them in Python.\n\n"
        "## Settings\n\n" + head + "\n".join(_rows(Settings, "FIRMGRAPH_")) + "\n\n"
        "## Remote stores\n\n" + head + "\n".join(_rows(RemoteSettings, "FIRMGRAPH_REMOTE_")) + "\n"
    )
