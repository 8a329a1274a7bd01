"""What a query or update may do, decided on a real parse: SERVICE, LOAD and the operations of an update.

Two readers must agree before text passes: a substring test that can only over-report
(`syntax.mentions`) and rdflib's full SPARQL 1.1 parser, which decides whenever the test finds
a word. Text the parser cannot read is refused when it matters (fail closed). Workers are
also kept off the network (`sandbox`), so a guard mistake alone cannot reach another host.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from firmgraph.graph.errors import QueryError

__all__ = ["rdflib_operations", "refuse_remote_calls"]

_OPERATION_NAMES = {
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "MODIFY",
}


def refuse_remote_calls(
    text: str,
    *,
    update: bool,
    allow_service: bool,
    allow_load: bool,
    service_hosts: tuple[str, ...] = (),
) -> None:
    """Raise QueryError when the text calls out (SERVICE; LOAD in updates) and that is not enabled.

    With SERVICE enabled and `service_hosts` given, only those hosts may be called.
    """
    from firmgraph.graph.sparql.syntax import mentions

    words = ("SERVICE", "LOAD") if update else ("SERVICE",)
    found = mentions(text, *words)
    if not found or (allow_service and not service_hosts and (allow_load or "LOAD" not in found)):
        return
    try:
        services, load = _remote_parts(text, update=update)
    except Exception as e:  # rdflib raises pyparsing's exceptions and its own
        raise QueryError(
            "this request mentions SERVICE or LOAD and the guard's SPARQL parser cannot read it"
            f" ({_first_line(e)}); write prefixed names with escapes as full <IRIs> and try again"
        ) from e
    if services and not allow_service:
        raise QueryError("SERVICE is not allowed on this endpoint (the server sets FIRMGRAPH_ALLOW_SERVICE)")
    if service_hosts:
        for target in services:
            host = urlsplit(target).hostname or ""
            if host not in service_hosts:
                raise QueryError(f"SERVICE <{target}> is not one of the hosts this endpoint may call")
    if load and not allow_load:
        raise QueryError("LOAD is not allowed on this endpoint (the server sets FIRMGRAPH_ALLOW_LOAD)")


def rdflib_operations(text: str) -> list[str]:
    """The kinds of an update request's operations as rdflib's parser reads them, in order.

    Raises:
        QueryError: rdflib cannot parse the request.
    """
    from rdflib.plugins.sparql import parser

    try:
        request = parser.parseUpdate(text).request
    except Exception as e:
        raise QueryError(
            f"the write guard's SPARQL parser cannot read this update ({_first_line(e)});"
            " write prefixed names with escapes as full <IRIs> and try again"
        ) from e
    return [_OPERATION_NAMES.get(op.name, op.name.upper()) for op in request]


def _remote_parts(text: str, *, update: bool) -> tuple[list[str], bool]:
    """(the SERVICE targets, whether there is a LOAD) on rdflib's algebra."""
    from rdflib.plugins.sparql import algebra, parser

    from firmgraph.graph.model.namespaces import with_prologue

    text = with_prologue(text)  # the predeclared prefixes, as pyoxigraph reads them
    if update:
        parts: list[Any] = list(algebra.translateUpdate(parser.parseUpdate(text)).algebra)
    else:
        parts = [algebra.translateQuery(parser.parseQuery(text)).algebra]
    services: list[str] = []
    load = False
    todo, seen = parts, set()
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            services.append(str(node.get("term", "")))
        load |= name == "Load"
        if isinstance(node, dict):
            todo.extend(node.values())
        elif isinstance(node, list | tuple):
            todo.extend(node)
    return services, load


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
