"""The one exception tree of firmgraph.

FirmgraphError
├── InputError              bad input file or payload (names the source and, where known, the line)
│   ├── EmptyInputError
│   ├── InputTooLargeError
│   ├── UnsupportedInputError
│   │   └── UnsupportedMediaTypeError  a request body in a media type the endpoint does not take
│   ├── MalformedInputError  cannot be parsed (RDF, JSON, HTML)
│   └── AmbiguousNameError   a name that fits several firms or people (carries the choices)
├── ShapeViolationError     the batch violates the SHACL shapes; carries the report
├── QueryError              a malformed or refused SPARQL query or update
│   ├── UpdateSyntaxError    an update the write guard cannot split into operations
│   └── QueryTimeoutError    stopped at the time limit (or for the memory it needed)
├── NotFoundError           an IRI, graph or saved query that does not exist
│   └── UnknownQueryError    no saved query of that name
├── ConfigurationError      a setting or option names what is not there
│   ├── UnknownExtractorError
│   ├── CookbookError        a saved query file without its title or WHERE
│   └── ShapesError          a shape uses a SHACL feature the compiled engine does not cover
├── AccessError             the request is not allowed
│   ├── NotAuthorizedError   writes need the bearer token
│   ├── WritesDisabledError  the server runs without a token, or its store is read-only over HTTP
│   └── MethodNotAllowedError (carries the methods allowed)
└── StoreError              the store cannot be opened, read or written
    └── StorageFullError    its disk is full (nothing of the write landed)

Every error pickles with its class and fields, so bulk imports report it from worker processes
as it was raised. `firmgraph.api.routes.errors.STATUS` is the one place that maps the tree to
HTTP statuses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from firmgraph.graph.pipeline.validation import ValidationReport

__all__ = [
    "AccessError",
    "AmbiguousNameError",
    "ConfigurationError",
    "CookbookError",
    "EmptyInputError",
    "FirmgraphError",
    "InputError",
    "InputTooLargeError",
    "MalformedInputError",
    "MethodNotAllowedError",
    "NotAuthorizedError",
    "NotFoundError",
    "QueryError",
    "QueryTimeoutError",
    "ShapeViolationError",
    "ShapesError",
    "StoreError",
    "UnknownExtractorError",
    "UnknownQueryError",
    "UnsupportedInputError",
    "UnsupportedMediaTypeError",
    "UpdateSyntaxError",
    "WritesDisabledError",
    "describe",
]


class FirmgraphError(Exception):
    """Base of every error firmgraph raises on purpose."""


class InputError(FirmgraphError):
    """A source that cannot be taken in as it is."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        where = path or ""
        if path and line is not None:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), (self.message,), {"path": self.path, "line": self.line})


class EmptyInputError(InputError):
    """The source holds nothing to read."""


class InputTooLargeError(InputError):
    """The source is larger than the configured limit."""


class UnsupportedInputError(InputError):
    """The source's format is not one firmgraph reads (or it is binary junk)."""


class UnsupportedMediaTypeError(UnsupportedInputError):
    """A request body in a media type the endpoint does not take."""


class MalformedInputError(InputError):
    """The source claims a format but does not parse."""


class AmbiguousNameError(InputError):
    """A name (for a firm, a person) that fits several entities; `choices` lists them, best first.

    Each choice is a dict with `iri`, `name` and `kind`; `name` is the text that was given."""

    def __init__(self, message: str, *, name: str, choices: list[dict[str, str]]) -> None:
        self.name = name
        self.choices = choices
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), (self.message,), {"name": self.name, "choices": self.choices})


class ShapeViolationError(FirmgraphError):
    """The batch violates the shapes: nothing was written."""

    def __init__(self, source: str, report: ValidationReport) -> None:
        self.source = source
        self.report = report
        n = len(report.violations)
        super().__init__(f"{source}: {n} shape violation(s), nothing written\n{report.text()}")

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.source, self.report)


class QueryError(FirmgraphError):
    """A SPARQL query or update that cannot run (syntax, refused feature)."""


class UpdateSyntaxError(QueryError):
    """An update the write guard's tokenizer cannot split into operations."""


class QueryTimeoutError(QueryError):
    """The query ran past its time limit and was stopped."""


class NotFoundError(FirmgraphError):
    """An IRI, graph or saved query that does not exist."""


class UnknownQueryError(NotFoundError):
    """No saved query (cookbook entry) of that name."""


class ConfigurationError(FirmgraphError):
    """A setting or option names what is not there (an extractor, a layout), or a bundled file is broken."""


class UnknownExtractorError(ConfigurationError):
    """No extractor of that name is registered or installed."""


class CookbookError(ConfigurationError):
    """A saved query file lacks its title, or takes parameters it has nowhere to bind."""


class ShapesError(ConfigurationError):
    """A shape uses a SHACL feature the compiled (SPARQL) engine does not cover."""


class AccessError(FirmgraphError):
    """The request is not allowed."""


class NotAuthorizedError(AccessError):
    """Writes need `Authorization: Bearer <token>`."""


class WritesDisabledError(AccessError):
    """Writes are off: no token is configured, or the store is read-only over HTTP."""


class MethodNotAllowedError(AccessError):
    """The resource does not answer this HTTP method; `allow` lists those it does."""

    def __init__(self, message: str, *, allow: str) -> None:
        self.allow = allow
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), (str(self),), {"allow": self.allow})


class StoreError(FirmgraphError):
    """The store cannot be opened, read or written."""


class StorageFullError(StoreError):
    """The disk that holds the store is full; nothing of the write landed."""


def store_error(error: OSError | RuntimeError, doing: str) -> StoreError:
    """The StoreError for an I/O failure, telling a full disk apart."""
    if getattr(error, "errno", None) == 28 or "no space left" in str(error).lower():
        return StorageFullError(
            f"the disk of the store is full while {doing}; nothing was written: free space and retry"
        )
    return StoreError(f"the store failed while {doing}: {error}")


def describe(error: BaseException) -> dict[str, Any]:
    """A JSON-able description of an error for reports and HTTP bodies."""
    body: dict[str, Any] = {"error": type(error).__name__, "message": str(error)}
    if isinstance(error, InputError):
        body.update({"path": error.path, "line": error.line})
    if isinstance(error, AmbiguousNameError):
        body["choices"] = error.choices
    if isinstance(error, ShapeViolationError):
        body["report"] = error.report.to_json()
    return body


def _rebuild(cls: type[FirmgraphError], args: tuple[Any, ...], kwargs: dict[str, Any]) -> FirmgraphError:
    """Unpickle an error whose constructor takes keyword arguments."""
    return cls(*args, **kwargs)
