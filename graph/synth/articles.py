"""Small synthetic news articles (plain text) for scale tests and benchmarks of article imports.

Each article is a few lines about one firm's job cuts: a headline, a dateline and one or two
sentences the rule-based extractor reads (firm, number of jobs, share of the workforce, reason).
About four articles share a firm, so imports also exercise resolution against earlier sources.
Every text is distinct, so n articles give n sources.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

__all__ = ["articles", "write_articles"]

_SYLLABLES = ["ar", "bel", "cor", "dan", "fen", "gor", "hal", "jor", "kel", "lum", "mar", "nor"]
_SYLLABLES += ["per", "quin", "ros", "sel", "tor", "var", "wen", "zel"]
_SECTORS = ["Systems", "Logistics", "Motors", "Software", "Retail", "Chemicals", "Energy", "Media"]
_SUFFIXES = ["AG", "SE", "Inc.", "GmbH", "plc"]
_REASONS = ["weak demand", "rising costs", "automation", "a slump in orders", "artificial intelligence"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def articles(n: int, seed: int = 3) -> Iterator[tuple[str, str]]:
    """(file name, text) of n distinct synthetic English articles, deterministic for a seed."""
    rng = random.Random(seed)
    wanted = max(1, n // 4)
    firms: list[str] = []
    seen: set[str] = set()
    while len(firms) < wanted:
        name = f"{rng.choice(_SYLLABLES).capitalize()}{rng.choice(_SYLLABLES)} {rng.choice(_SECTORS)}"
        if name not in seen:
            seen.add(name)
            firms.append(name)
    for i in range(n):
        firm = firms[i % wanted]
        staff = rng.randint(2_000, 90_000)
        cut = rng.randint(20, staff // 10)
        year = 2024 + (i // wanted) % 3
        dateline = f"{_MONTHS[i % 12]} {1 + i % 28}, {year}"
        lead = f"{firm} {_SUFFIXES[i % len(_SUFFIXES)]} will cut {cut:,} jobs"
        if i % 2:
            lead += f", about {max(1, round(100 * cut / staff))}% of its workforce"
        lead += f", the company said, citing {rng.choice(_REASONS)}."
        text = f"{firm} to cut {cut:,} jobs\n\n{dateline}\n\n{lead}\n"
        yield f"a{i:05}.en.txt", text


def write_articles(folder: Path, n: int, seed: int = 3) -> Path:
    """Write n synthetic articles into folder (created); returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles(n, seed):
        (folder / name).write_text(text, encoding="utf-8")
    return folder
