"""Readers: files, folders and standard input to `Document`s (plain text and HTML)."""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from firmgraph.graph.errors import EmptyInputError, InputError, UnsupportedInputError
from firmgraph.graph.sources.cleaning import clean_lines, headline_of, is_body_paragraph, read_header
from firmgraph.graph.sources.decoding import DEFAULT_MAX_BYTES, check_size, decode_text
from firmgraph.graph.sources.document import Document
from firmgraph.graph.sources.formats import article_extensions, files_in
from firmgraph.graph.sources.language import detect_language

__all__ = ["iter_documents", "read_bytes", "read_path"]

_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.IGNORECASE)


def read_bytes(
    data: bytes, source: str = "-", media_type: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """A document from raw bytes; `media_type` None sniffs HTML by its first tag.

    Raises:
        InputError: empty, too large, binary or (HTML) without any main text.
    """
    text = decode_text(data, source, max_bytes=max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    if media_type is None:
        media_type = "text/html" if _HTML_SNIFF.match(data[:2048]) else "text/plain"
    if media_type in {"text/html", "application/xhtml+xml"}:
        return _from_html(text, digest, source)
    if media_type.startswith("text/"):
        return _from_plain(text, digest, source, media_type)
    raise UnsupportedInputError(f"cannot read {media_type} as an article", path=source)


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A document from a .txt/.html file, or `-` for standard input."""
    if str(path) == "-":
        return read_bytes(sys.stdin.buffer.read(max_bytes + 1), "-", None, max_bytes=max_bytes)
    p = Path(path)
    if not p.is_file():
        raise InputError("no such file", path=str(p))
    media_type = article_extensions().get(p.suffix.lower())
    if media_type is None:
        raise UnsupportedInputError(
            f"unknown article type {p.suffix or '(none)'}: give {', '.join(sorted(article_extensions()))}",
            path=str(p),
        )
    check_size(p.stat().st_size, str(p), max_bytes)
    return read_bytes(p.read_bytes(), str(p), media_type, max_bytes=max_bytes)


def iter_documents(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Document]:
    """Documents behind paths: files, folders (recursively: the article formats) and `-` for stdin.

    Without `on_error` the first bad input raises; with it, bad inputs are reported and skipped.
    """
    for path in paths:
        if str(path) != "-" and Path(path).is_dir():
            files = files_in(Path(path), article_extensions())
            if not files:
                _fail(EmptyInputError("the folder holds no .txt or .html article", path=str(path)), on_error)
            targets: list[str | Path] = list(files)
        else:
            targets = [path]
        for target in targets:
            try:
                yield read_path(target, max_bytes=max_bytes)
            except InputError as e:
                _fail(e, on_error)


def _fail(error: InputError, on_error: Callable[[InputError], None] | None) -> None:
    if on_error is None:
        raise error
    on_error(error)


def _from_plain(text: str, digest: str, source: str, media_type: str) -> Document:
    lines = text.split("\n")
    header = read_header(lines)
    title = lines[header.title_index].strip() if header.title_index is not None else None
    body = clean_lines(lines[(header.title_index or 0) + 1 :])
    if title and is_body_paragraph(title):
        # a page scraped without line breaks: the headline runs into the text, which stays the body
        headline = headline_of(title)
        body, title = [title[len(headline) :].strip() or title, *body], headline
    cleaned = "\n".join(([title, ""] if title else []) + body)
    if not cleaned.strip():
        raise EmptyInputError("no article text left after removing page furniture", path=source)
    return Document(
        text=cleaned,
        sha256=digest,
        source=source,
        media_type=media_type,
        title=title,
        date=header.date or date_in_name(source),
        language=detect_language(cleaned),
        publisher=header.publisher,
    )


def _from_html(html: str, digest: str, source: str) -> Document:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    body_text = getattr(extracted, "text", None) if extracted is not None else None
    if not body_text or not body_text.strip():
        raise EmptyInputError("the page holds no article text", path=source)
    title = (getattr(extracted, "title", None) or "").strip() or None
    lines = clean_lines(body_text.replace("\r", "").split("\n"))
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]
    if not any(line.strip() for line in lines):
        raise EmptyInputError("the page holds no article text", path=source)
    text = "\n".join(([title, ""] if title else []) + lines)
    date = getattr(extracted, "date", None)
    language = detect_language(text) or _html_lang(html)
    return Document(
        text=text,
        sha256=digest,
        source=source,
        media_type="text/html",
        title=title,
        date=date[:10] if date and re.match(r"\d{4}-\d{2}-\d{2}", date) else date_in_name(source),
        language=language,
        publisher=(getattr(extracted, "sitename", None) or "").strip() or None,
        url=getattr(extracted, "url", None),
    )


_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")


def date_in_name(source: str) -> str | None:
    """The ISO date a file is named by ("acme-2025-06-26.de.txt"), when its text gives none."""
    m = _NAME_DATE.search(Path(source).name)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _html_lang(html: str) -> str | None:
    m = re.search(r"<html[^>]*\blang=[\"']?([a-zA-Z]{2})", html[:4096])
    lang = m.group(1).lower() if m else None
    return lang if lang in {"de", "en"} else None
