"""SPARQL text at the token level: keywords, error positions, and the operations of an update request.

This module never decides what a query means (pyoxigraph parses and evaluates); it only finds
what the endpoint must know before handing text on: whether a query names its own dataset
(FROM), whether it might call out (SERVICE, LOAD: confirmed on rdflib's algebra), and where
one update operation ends and the next begins. Tokens, not regular expressions over the raw
text, so a keyword inside a string, an IRI or a comment is never mistaken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from firmgraph.graph.errors import UpdateSyntaxError

__all__ = [
    "Operation",
    "Token",
    "error_position",
    "keywords",
    "mentions",
    "split_update",
    "tokens",
    "uses_dataset_clause",
]

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<var>[?$][^\W]\w*)
  | (?P<bnode>_:[\w\-.]*[\w\-])
  | (?P<pname>(?:[^\W\d_][\w\-.]*)?:(?:(?:[\w\-:.]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])*
                                          (?:[\w\-:]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%]))?)
  | (?P<word>[^\W\d][\w\-]*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.*/|^!=<>+\-?])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    """One token: its kind (iri, string, var, pname, word, punct, ...), text, span and brace depth."""

    kind: str
    text: str
    start: int
    end: int
    depth: int
    """How many `{` enclose the token (a `{` itself counts the depth outside it)."""

    @property
    def keyword(self) -> str:
        """The upper-cased word, or '' for anything that is not a bare word."""
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str) -> list[Token]:
    """The tokens of SPARQL text, without white space and comments."""
    out: list[Token] = []
    depth = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        value = m.group()
        if value == "}":
            depth = max(depth - 1, 0)
        out.append(Token(kind, value, m.start(), m.end(), depth))
        if value == "{":
            depth += 1
    return out


def keywords(text: str) -> set[str]:
    """The upper-cased bare words of the text (keywords, `a`, function names)."""
    return {t.keyword for t in tokens(text) if t.kind == "word"}


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def mentions(text: str, *words: str) -> set[str]:
    """Which of the (upper-case) words occur anywhere in the text, case-insensitively.

    A plain substring test after undoing `\\u`/`\\U` escapes, so it can only over-report: a keyword
    a SPARQL parser reads is always there, whatever comments, escapes or strings surround it.
    It is the guard's first step; a real parse decides when a word is found.
    """
    plain = _CODEPOINT.sub(lambda m: _char(m.group(1) or m.group(2)), text).upper()
    return {w for w in words if w in plain}


def _char(hex_digits: str) -> str:
    code = int(hex_digits, 16)
    return chr(code) if code < 0x110000 else ""


def uses_dataset_clause(text: str) -> bool:
    """Whether a query names its own dataset (FROM / FROM NAMED)."""
    return "FROM" in keywords(text)


_POSITION = re.compile(r"\bat (\d+):(\d+)|\bat line (\d+), column (\d+)")


def error_position(message: str) -> tuple[int, int] | None:
    """(line, column), both from 1, from a syntax error message ('at line 3, column 14' or 'error at 3:14')."""
    m = _POSITION.search(message)
    if not m:
        return None
    line, column = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return int(line), int(column)


# -- update requests ---------------------------------------------------------------------------

GRAPH_OPS = ("LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")


@dataclass
class Operation:
    """One operation of an update request, cut into the pieces the write guard needs.

    Graph references (`with_graph`, `using`, `target`, ...) are kept as written (an IRI or a
    prefixed name); `prologue` holds the PREFIX/BASE declarations in force.
    """

    kind: str
    """INSERT DATA, DELETE DATA, DELETE WHERE, MODIFY, or one of LOAD CLEAR DROP CREATE ADD MOVE COPY."""
    prologue: str
    text: str
    """The operation's own text (without the prologue)."""
    delete: str | None = None
    """The DELETE template's body (inside its braces); DELETE WHERE: its pattern's body."""
    insert: str | None = None
    """The INSERT template's (or INSERT DATA block's) body."""
    where: str | None = None
    """The WHERE group graph pattern, braces included."""
    with_graph: str | None = None
    using: list[str] = field(default_factory=list)
    using_named: list[str] = field(default_factory=list)
    data: str | None = None
    """INSERT DATA / DELETE DATA: the block's body."""


def split_update(text: str) -> list[Operation]:
    """The operations of a SPARQL 1.1 update request, in order.

    Raises:
        UpdateSyntaxError: when the request does not have the shape of an update request.
    """
    toks = tokens(text)
    ops: list[Operation] = []
    prologue: list[str] = []
    i = 0
    while i < len(toks):
        kw = toks[i].keyword
        if kw == "PREFIX" and i + 2 < len(toks):
            prologue.append(text[toks[i].start : toks[i + 2].end])
            i += 3
            continue
        if kw == "BASE" and i + 1 < len(toks):
            prologue.append(text[toks[i].start : toks[i + 1].end])
            i += 2
            continue
        end = i
        while end < len(toks) and not (toks[end].text == ";" and toks[end].depth == 0):
            end += 1
        if end == i:
            raise UpdateSyntaxError("an empty operation between two ';'")
        ops.append(_operation(text, toks[i:end], "\n".join(prologue)))
        i = end + 1
    return ops


def _operation(text: str, toks: list[Token], prologue: str) -> Operation:
    own = text[toks[0].start : toks[-1].end]
    words = [t.keyword for t in toks[:2]]
    if words[0] in GRAPH_OPS:
        return Operation(words[0], prologue, own)
    if words[0] in ("INSERT", "DELETE") and len(words) > 1 and words[1] == "DATA":
        body, _ = _block(text, toks, 2)
        return Operation(f"{words[0]} DATA", prologue, own, data=body)
    if words == ["DELETE", "WHERE"]:
        body, _ = _block(text, toks, 2)
        return Operation("DELETE WHERE", prologue, own, delete=body, where="{" + body + "}")
    op = Operation("MODIFY", prologue, own)
    i = 0
    if toks[0].keyword == "WITH":
        if len(toks) < 2:
            raise UpdateSyntaxError("WITH needs a graph")
        op.with_graph = toks[1].text
        i = 2
    if i < len(toks) and toks[i].keyword == "DELETE":
        op.delete, i = _block(text, toks, i + 1)
    if i < len(toks) and toks[i].keyword == "INSERT":
        op.insert, i = _block(text, toks, i + 1)
    if op.delete is None and op.insert is None:
        raise UpdateSyntaxError(f"unknown update operation {toks[0].text!r}")
    while i < len(toks) and toks[i].keyword == "USING":
        named = i + 1 < len(toks) and toks[i + 1].keyword == "NAMED"
        j = i + 2 if named else i + 1
        if j >= len(toks):
            raise UpdateSyntaxError("USING needs a graph")
        (op.using_named if named else op.using).append(toks[j].text)
        i = j + 1
    if i >= len(toks) or toks[i].keyword != "WHERE":
        raise UpdateSyntaxError("DELETE/INSERT needs a WHERE clause")
    where, i = _block(text, toks, i + 1)
    op.where = "{" + where + "}"
    if i != len(toks):
        raise UpdateSyntaxError(f"unexpected {toks[i].text!r} after the WHERE clause")
    return op


def _block(text: str, toks: list[Token], i: int) -> tuple[str, int]:
    """The body of the `{...}` block starting at toks[i], and the index after its `}`."""
    if i >= len(toks) or toks[i].text != "{":
        raise UpdateSyntaxError("expected '{'")
    depth = toks[i].depth
    for j in range(i + 1, len(toks)):
        if toks[j].text == "}" and toks[j].depth == depth:
            return text[toks[i].end : toks[j].start], j + 1
    raise UpdateSyntaxError("a '{' is never closed")


def template_as_trig(body: str, *, default_graph: str | None = None, var_iri: str) -> str:
    """A quad template (the body of DELETE {...} / INSERT {...}) as TriG text.

    Variables become IRIs `<{var_iri}NAME>` so pyoxigraph's TriG parser reads the template once;
    triples outside GRAPH blocks go into `default_graph` (a graph reference as written) or the
    default graph.
    """
    toks = tokens(body)
    parts: list[str] = []
    segment: list[Token] = []

    def flush() -> None:
        while segment and segment[0].text == ".":
            segment.pop(0)
        if segment:
            inner = _with_var_iris(body, segment, var_iri)
            parts.append(f"GRAPH {default_graph} {{ {inner} }}" if default_graph else f"{{ {inner} }}")
        segment.clear()

    i = 0
    while i < len(toks):
        t = toks[i]
        if t.keyword == "GRAPH" and t.depth == 0 and i + 2 < len(toks) and toks[i + 2].text == "{":
            flush()
            name = _with_var_iris(body, [toks[i + 1]], var_iri)
            close = _closing(toks, i + 2)
            inner = _with_var_iris(body, toks[i + 3 : close], var_iri)
            parts.append(f"GRAPH {name} {{ {inner} }}")
            i = close + 1
            continue
        segment.append(t)
        i += 1
    flush()
    return "\n".join(parts)


def _closing(toks: list[Token], i: int) -> int:
    """The index of the `}` that closes the `{` at toks[i]."""
    for j in range(i + 1, len(toks)):
        if toks[j].text == "}" and toks[j].depth == toks[i].depth:
            return j
    raise UpdateSyntaxError("a '{' is never closed")


def _with_var_iris(text: str, toks: list[Token], var_iri: str) -> str:
    """The text the tokens span, variables replaced by IRIs (everything else exactly as written)."""
    if not toks:
        return ""
    out: list[str] = []
    pos = toks[0].start
    for t in toks:
        if t.kind == "var":
            out.append(text[pos : t.start])
            out.append(f"<{var_iri}{t.text[1:]}>")
            pos = t.end
    out.append(text[pos : toks[-1].end])
    return "".join(out)
