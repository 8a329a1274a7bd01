"""Bytes to text, refusing what is empty, too large or not text at all."""

from __future__ import annotations

import unicodedata

from firmgraph.graph.errors import (
    EmptyInputError,
    InputTooLargeError,
    MalformedInputError,
    UnsupportedInputError,
)
from firmgraph.graph.settings import DEFAULT_MAX_BYTES

__all__ = ["check_size", "decode_text"]


def check_size(size: int, source: str, max_bytes: int) -> None:
    """Refuse a source of more than `max_bytes` (the one size check of imports and readers)."""
    if size > max_bytes:
        raise InputTooLargeError(
            f"{size:,} bytes is over the limit of {max_bytes:,} (set FIRMGRAPH_MAX_INPUT_BYTES, or use"
            " `firmgraph restore` for a trusted dump)",
            path=source,
        )


def decode_text(data: bytes, source: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode UTF-8 text with normalised newlines (other encodings are refused, never guessed).

    Raises:
        InputTooLargeError: more than `max_bytes`.
        EmptyInputError: nothing but whitespace.
        UnsupportedInputError: NUL bytes or mostly control characters.
        MalformedInputError: not valid UTF-8.
    """
    check_size(len(data), source, max_bytes)
    if not data.strip():
        raise EmptyInputError("the file is empty", path=source)
    if b"\x00" in data[:65536]:
        raise UnsupportedInputError("binary data (NUL bytes), not text", path=source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise MalformedInputError(
            f"not UTF-8 text (invalid byte 0x{data[e.start]:02x} at offset {e.start}); convert the file to"
            " UTF-8 first, e.g. iconv -f windows-1252 -t utf-8",
            path=source,
        ) from e
    sample = text[:65536]
    bad = sum(
        1 for c in sample if unicodedata.category(c) in {"Cc", "Co", "Cs", "Cn"} and c not in "\n\r\t\f"
    )
    if bad > 0.05 * len(sample):
        raise UnsupportedInputError("mostly non-text characters", path=source)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if not text.strip():
        raise EmptyInputError("the file holds only whitespace", path=source)
    return text
