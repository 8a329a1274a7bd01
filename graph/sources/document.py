"""The document every reader yields: clean text plus what the page says about itself."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

__all__ = ["Document"]


@dataclass(frozen=True)
class Document:
    """An article as text, with its metadata; evidence offsets point into `text`."""

    text: str
    sha256: str
    """Digest of the raw bytes the document was read from."""
    source: str = "-"
    """A path, or `-` for standard input."""
    media_type: str = "text/plain"
    title: str | None = None
    date: str | None = None
    """ISO date (YYYY-MM-DD) of publication, if the page gives one."""
    language: str | None = None
    """`de`, `en` or None when undecided."""
    publisher: str | None = None
    url: str | None = None

    @classmethod
    def from_text(cls, text: str, **metadata: str | None) -> Document:
        """A document over ready text (tests, records that carry their text)."""
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return cls(text=text, sha256=digest, **metadata)  # type: ignore[arg-type]
