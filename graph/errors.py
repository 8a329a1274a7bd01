"""The one exception tree of firmgraph.

FirmgraphError
├── InputError              bad input file or payload (names the source and, where known, the line)
│   ├── EmptyInputError
│   ├── InputTooLargeError
│   ├── UnsupportedInputError
│   └── MalformedInputError  cannot be parsed (RDF, JSON, HTML)
├── ShapeViolationError     the batch violates the SHACL shapes; carries the report
├── QueryError              a malformed or refused SPARQL query or update
│   └── QueryTimeoutError
├── NotFoundError           an IRI or graph the store does not hold
└── StoreError              the store cannot be opened, read or written
    └── StorageFullError    its disk is full (nothing of the write landed)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from firmgraph.graph.validation import ValidationReport


class FirmgraphError(Exception):
    """Base of every error firmgraph raises on purpose."""


class InputError(FirmgraphError):
    """A source that cannot be taken in as it is."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = path or ""
        if path and line is not None:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class EmptyInputError(InputError):
    """The source holds nothing to read."""


class InputTooLargeError(InputError):
    """The source is larger than the configured limit."""


class UnsupportedInputError(InputError):
    """The source's format is not one firmgraph reads (or it is binary junk)."""


class MalformedInputError(InputError):
    """The source claims a format but does not parse."""


class ShapeViolationError(FirmgraphError):
    """The batch violates the shapes: nothing was written."""

    def __init__(self, source: str, report: ValidationReport) -> None:
        self.source = source
        self.report = report
        n = len(report.violations)
        super().__init__(f"{source}: {n} shape violation(s), nothing written\n{report.text()}")


class QueryError(FirmgraphError):
    """A SPARQL query or update that cannot run (syntax, refused feature)."""


class QueryTimeoutError(QueryError):
    """The query ran past its time limit and was stopped."""


class NotFoundError(FirmgraphError):
    """An IRI or graph the store does not hold."""


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
    if isinstance(error, ShapeViolationError):
        body["report"] = error.report.to_json()
    return body
