"""The SERVICE/LOAD guard and the update splitter against pyoxigraph itself, on generated text.

Every case is run by the guard and by pyoxigraph on an empty store whose SERVICE and LOAD
point at a listener: a case the guard lets through must never reach the listener, and an
update the guard accepts must insert exactly the quads the guard planned. Cases mix the
constructs that fooled the old tokenizer (PN_LOCAL escapes, comments, strings with '#',
long strings, nesting, case, unicode) and random mutations of them.
"""

from __future__ import annotations

import contextlib
import os
import random

import pyoxigraph as ox
import pytest

from firmgraph.graph.errors import QueryError
from firmgraph.graph.sparql.guard import refuse_remote_calls
from firmgraph.graph.sparql.writes import checked_operations, data_quads
from tests.security.conftest import Listener

CASES = int(os.environ.get("FIRMGRAPH_FUZZ_CASES", "10000"))
"""Queries plus updates; CI runs the default."""

PREFIXES = "PREFIX ex: <http://e/>\nPREFIX : <http://d/>\n"
LOCALS = [
    "ex:a",
    r"ex:a\#b",
    r"ex:a\;b",
    r"ex:a\}b",
    r"ex:%41b",
    r"ex:a\.b",
    r"ex:a\'b",
    ":x",
    r"ex:a\-\~",
    "ex:a.b",
    "ex:ä",
    r"ex:a\,b",
    r"ex:a\/b",
    r"ex:a\?b",
    r"ex:a\@b",
    r"ex:a\=b",
    r"ex:a\(b\)",
]
LITERALS = [
    '"x # y"',
    "'a } b'",
    '"""multi\n# line\n"""',
    "'''it's { here'''",
    '"service"',
    '"\\u0053ERVICE"',
    '"a\\"b # c"',
    "1",
    "-999",
    '"x"@de',
    '"1"^^<http://www.w3.org/2001/XMLSchema#integer>',
]
NOISE = ["# comment\n", "#SERVICE <x> {}\n", " ", "\n", "\t", "#}\n", "# ; INSERT DATA {\n"]
MUTATIONS = ["\\", "#", "\n", "{", "}", '"', "'", "<", ">", ";", ".", " ", ":", "%", "u", "e"]


def _term(rng: random.Random) -> str:
    return rng.choice([*LOCALS, "<http://e/i>", "?v", "?w"])


def _noise(rng: random.Random) -> str:
    return "".join(rng.choice(NOISE) for _ in range(rng.randint(0, 2)))


def _service(rng: random.Random, target: str) -> str:
    word = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in "service")
    silent = " SILENT" if rng.random() < 0.7 else ""
    return f"{word}{silent} <{target}> {{ ?s ?p ?o }}"


def _pattern(rng: random.Random, target: str, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        if kind < 0.35:
            parts.append(f"VALUES ?v {{ {_term(rng)} {rng.choice(LITERALS)} }}")
        elif kind < 0.55:
            parts.append(f"?s ex:p {rng.choice(LITERALS)} .")
        elif kind < 0.7 and depth < 3:
            parts.append("{ " + _pattern(rng, target, depth + 1) + " }")
        elif kind < 0.8:
            parts.append(f"FILTER(?v != {_term(rng)})")
        else:
            parts.append(_service(rng, target))
        parts.append(_noise(rng))
    return " ".join(parts)


def _mutate(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(chars) + 1)
        if rng.random() < 0.5 and chars:
            del chars[min(at, len(chars) - 1)]
        else:
            chars.insert(at, rng.choice(MUTATIONS))
    return "".join(chars)


def query_case(rng: random.Random, target: str) -> str:
    text = f"{PREFIXES}{_noise(rng)}SELECT * WHERE {{ {_pattern(rng, target)} }}"
    return _mutate(rng, text) if rng.random() < 0.4 else text


def update_case(rng: random.Random, target: str) -> str:
    ops = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.random()
        if kind < 0.5:
            ops.append(
                f"INSERT DATA {{ <http://e/s> {_term(rng).replace('?v', 'ex:q')} {rng.choice(LITERALS)} }}"
            )
        elif kind < 0.75:
            ops.append(f"CREATE SILENT GRAPH {_term(rng).replace('?v', 'ex:g').replace('?w', 'ex:h')}")
        elif kind < 0.85:
            ops.append(f"LOAD SILENT <{target}>")
        else:
            ops.append(f"INSERT DATA {{ GRAPH <http://e/g> {{ ex:s ex:p {rng.choice(LITERALS)} }} }}")
    glue = [f" ;{_noise(rng)}" for _ in ops]
    text = PREFIXES + "".join(op + sep for op, sep in zip(ops, glue, strict=True)).rstrip(" ;\n\t#")
    return _mutate(rng, text) if rng.random() < 0.4 else text


def _hits_while(listener: Listener, run: object) -> int:
    before = len(listener.hits)
    with contextlib.suppress(SyntaxError, OSError, RuntimeError, ValueError):
        run()  # type: ignore[operator]
    return len(listener.hits) - before


@pytest.mark.slow
def test_no_generated_query_passes_the_guard_and_calls_out(listener: Listener) -> None:
    rng = random.Random(20261207)
    store = ox.Store()
    refused = passed = called = 0
    for _ in range(CASES // 2):
        text = query_case(rng, listener.url)
        try:
            refuse_remote_calls(text, update=False, allow_service=False, allow_load=False)
        except QueryError:
            refused += 1
            if refused % 10 == 0:  # the oracle works: refused cases do call out when run
                called += _hits_while(listener, lambda t=text: list(store.query(t))) > 0  # type: ignore[misc]
            continue
        passed += 1
        hits = _hits_while(listener, lambda t=text: list(store.query(t)))  # type: ignore[misc]
        assert hits == 0, f"the guard let a query call out:\n{text}"
    print(f"queries: {passed} passed, {refused} refused; of a tenth of the refused, {called} call out")
    assert passed > CASES // 20 and refused > CASES // 20  # both sides are exercised
    assert called > 0


@pytest.mark.slow
def test_no_generated_update_hides_operations_from_the_guard(listener: Listener) -> None:
    rng = random.Random(7)
    accepted = refused = 0
    for _ in range(CASES - CASES // 2):
        text = update_case(rng, listener.url)
        try:  # what the write guard does before it plans the writes
            ops = checked_operations(text, allow_service=False, allow_load=False)
            planned = {q for op in ops if op.kind == "INSERT DATA" for q in data_quads(op)}
        except QueryError:
            refused += 1
            continue
        accepted += 1
        scratch = ox.Store()
        hits = _hits_while(listener, lambda t=text, s=scratch: s.update(t))  # type: ignore[misc]
        assert hits == 0, f"the guard let an update call out:\n{text}"
        applied = set(scratch.quads_for_pattern(None, None, None, None))
        assert applied == planned, f"the guard planned other quads than pyoxigraph wrote:\n{text}"
    print(f"updates: {accepted} accepted, {refused} refused")
    assert accepted > CASES // 20 and refused > CASES // 20


def test_the_reported_bypasses_are_refused(listener: Listener) -> None:
    query = (
        r"PREFIX ex: <http://e/> SELECT * WHERE { VALUES ?v { ex:a\#b } SERVICE <"
        + listener.url
        + "> { ?s ?p ?o } }"
    )
    with pytest.raises(QueryError):
        refuse_remote_calls(query, update=False, allow_service=False, allow_load=False)
    hidden = (
        "PREFIX ex: <http://e/>\nCREATE SILENT GRAPH ex:a\\#b ; INSERT DATA { <http://e/s> <http://e/p> -999 } ;"
        " CREATE SILENT GRAPH\nex:zz"
    )
    ops = checked_operations(hidden, allow_service=False, allow_load=False)
    assert [op.kind for op in ops] == ["CREATE", "INSERT DATA", "CREATE"]  # the INSERT is seen, so validated
    with pytest.raises(QueryError):
        checked_operations(
            "PREFIX ex: <http://e/>\nCREATE SILENT GRAPH ex:a\\#b ; LOAD <" + listener.url + ">",
            allow_service=False,
            allow_load=False,
        )
