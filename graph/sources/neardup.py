"""Near-duplicate texts: MinHash over word shingles, banded for a bounded lookup, and the exact check.

The same article arrives as a .txt scrape, as an .html page with other furniture, or as a
syndicated copy: its main text is (nearly) the same. A text's bands are stored on its document;
a new text is compared only with the documents that share a band (an index lookup, not a scan),
and is the same article when the word shingles of both texts overlap by `SAME_ARTICLE` or more.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

__all__ = ["SAME_ARTICLE", "bands", "shingles", "similarity"]

SHINGLE = 5
"""Words per shingle."""
ROWS, BANDS = 4, 16
"""64 MinHash values in 16 bands of 4: two texts with 80% shingle overlap share a band with p > 0.99."""
SAME_ARTICLE = 0.7
"""The share of shingles two texts must have in common (Jaccard) to be the same article."""
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)
_RNG = np.random.default_rng(20260207)  # fixed: bands must be the same in every process and release
_A = _RNG.integers(1, 2**63, size=ROWS * BANDS, dtype=np.uint64) | np.uint64(1)
_B = _RNG.integers(0, 2**63, size=ROWS * BANDS, dtype=np.uint64)


def shingles(text: str) -> set[str]:
    """The text's overlapping runs of SHINGLE words (case and punctuation folded away)."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def bands(text: str) -> list[str]:
    """The text's band keys (`b07:…`); empty for a text too short to compare."""
    found = shingles(text)
    if len(found) < 10:
        return []
    base = np.array(
        [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little") for s in found],
        dtype=np.uint64,
    )
    with np.errstate(over="ignore"):
        hashed = (base[None, :] * _A[:, None] + _B[:, None]) & _MASK
    mins = hashed.min(axis=1)
    keys = []
    for band in range(BANDS):
        row = mins[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(f"b{band:02d}:{hashlib.blake2b(row, digest_size=8).hexdigest()}")
    return keys


def similarity(a: str, b: str) -> float:
    """The Jaccard overlap of two texts' shingles (0..1)."""
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y) if x and y else 0.0
