"""Syntax errors for people: pyoxigraph's parser messages rewritten to say what is wrong and where.

pyoxigraph reports `error at 3:14: expected one of ...` followed by every token class its grammar
allows there, Unicode ranges included. `explain` keeps the position and says, in order of
preference: an unknown prefix (with the predeclared ones), a `{` or `(` never closed, a string
or IRI that is malformed, a query that does not start with a query form, or the few keywords
that may come next. The position stays in the text as `line L, column C`, which
`syntax.error_position` reads back.
"""

from __future__ import annotations

import re

from firmgraph.graph.model.namespaces import PREFIXES
from firmgraph.graph.sparql.syntax import Token, tokens

__all__ = ["PREDECLARED", "explain", "offset_of"]

PREDECLARED: dict[str, str] = dict(PREFIXES)
"""The prefixes every query may use without a PREFIX line (workbench, /sparql, CLI, Python)."""

_HEAD = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_FORMS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE", "PREFIX", "BASE"}
_WORD_ITEM = re.compile(r"^[A-Za-z_][A-Za-z_0-9]*$")
_MAX_EXPECTED = 8
_UNHELPFUL = {"LATERAL", "SERVICE"}
"""Keywords the parser lists wherever a group may start: they mislead more than they help."""
KNOWN_WORDS = frozenset(
    [
        "A",
        "BASE",
        "PREFIX",
        "SELECT",
        "CONSTRUCT",
        "DESCRIBE",
        "ASK",
        "WHERE",
        "FROM",
        "NAMED",
        "GRAPH",
        "OPTIONAL",
        "UNION",
        "MINUS",
        "FILTER",
        "BIND",
        "VALUES",
        "AS",
        "DISTINCT",
        "REDUCED",
        "ORDER",
        "BY",
        "ASC",
        "DESC",
        "LIMIT",
        "OFFSET",
        "GROUP",
        "HAVING",
        "SERVICE",
        "SILENT",
        "EXISTS",
        "NOT",
        "IN",
        "COUNT",
        "SUM",
        "MIN",
        "MAX",
        "AVG",
        "SAMPLE",
        "GROUP_CONCAT",
        "SEPARATOR",
        "INSERT",
        "DELETE",
        "DATA",
        "WITH",
        "USING",
        "LOAD",
        "CLEAR",
        "DROP",
        "CREATE",
        "ADD",
        "MOVE",
        "COPY",
        "TO",
        "DEFAULT",
        "ALL",
        "UNDEF",
        "TRUE",
        "FALSE",
        "STR",
        "LANG",
        "LANGMATCHES",
        "DATATYPE",
        "BOUND",
        "IRI",
        "URI",
        "BNODE",
        "RAND",
        "ABS",
        "CEIL",
        "FLOOR",
        "ROUND",
        "CONCAT",
        "STRLEN",
        "UCASE",
        "LCASE",
        "ENCODE_FOR_URI",
        "CONTAINS",
        "STRSTARTS",
        "STRENDS",
        "STRBEFORE",
        "STRAFTER",
        "YEAR",
        "MONTH",
        "DAY",
        "HOURS",
        "MINUTES",
        "SECONDS",
        "TIMEZONE",
        "TZ",
        "NOW",
        "UUID",
        "STRUUID",
        "MD5",
        "SHA1",
        "SHA256",
        "SHA384",
        "SHA512",
        "COALESCE",
        "IF",
        "STRLANG",
        "STRDT",
        "SAMETERM",
        "ISIRI",
        "ISURI",
        "ISBLANK",
        "ISLITERAL",
        "ISNUMERIC",
        "REGEX",
        "SUBSTR",
        "REPLACE",
        "TRIPLE",
        "SUBJECT",
        "PREDICATE",
        "OBJECT",
        "ISTRIPLE",
        "LANGDIR",
        "STRLANGDIR",
        "HASLANG",
        "HASLANGDIR",
    ]
)
"""Bare words SPARQL 1.1 (and SPARQL-star) knows; any other is reported by name."""


def offset_of(text: str, line: int, column: int) -> int:
    """The character offset of a 1-based (line, column) in the text, clamped to its length."""
    lines = text.split("\n")
    if line < 1:
        return 0
    if line > len(lines):
        return len(text)
    return min(sum(len(x) + 1 for x in lines[: line - 1]) + max(column - 1, 0), len(text))


def _where(line: int, column: int) -> str:
    return f"at line {line}, column {column}"


def _token_at(toks: list[Token], offset: int) -> Token | None:
    """The token that contains or ends at the offset, else the next one."""
    for t in toks:
        if t.start <= offset <= t.end:
            return t
    return next((t for t in toks if t.start >= offset), None)


def _unknown_prefix(toks: list[Token], offset: int, declared: set[str]) -> Token | None:
    near = _token_at(toks, offset)
    candidates = [near] if near is not None and near.kind == "pname" else []
    candidates += [t for t in toks if t.kind == "pname" and t.end <= offset][::-1]
    for t in candidates:
        prefix = t.text.split(":", 1)[0]
        if prefix not in PREDECLARED and prefix not in declared:
            return t
    return None


_CLOSER = {"{": "}", "(": ")", "[": "]"}


def _unclosed(toks: list[Token]) -> tuple[Token, Token | None] | None:
    """A bracket never closed: (its opener, the closer of another kind met instead, or None at the end)."""
    stack: list[Token] = []
    for t in toks:
        if t.text in _CLOSER:
            stack.append(t)
        elif t.text in _CLOSER.values():
            if stack and _CLOSER[stack[-1].text] == t.text:
                stack.pop()
            else:
                return (stack[-1], t) if stack else None
    return (stack[-1], None) if stack else None


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _expected(detail: str) -> list[str]:
    """The keywords and punctuation of an 'expected one of' list; character classes left out."""
    body = detail.split("expected one of", 1)[-1] if "expected" in detail else ""
    items = []
    for raw in re.split(r",\s*(?![^\[]*\])", body):
        item = raw.strip()
        if _WORD_ITEM.match(item) and item != "_":
            items.append(item)
        elif len(item) == 3 and item[0] == item[2] == '"' and item[1] in "{}()[].;,=*":
            items.append(item[1])
    return list(dict.fromkeys(items))


def explain(text: str, message: str) -> str:
    """A pyoxigraph syntax error message rewritten for people (unchanged when it is not one)."""
    m = _HEAD.match(message.strip())
    if not m:
        return message
    line, column, detail = int(m.group(1)), int(m.group(2)), m.group(3)
    offset = offset_of(text, line, column)
    toks = tokens(text)
    where = _where(line, column)
    declared = {t.text.split(":", 1)[0] for i, t in enumerate(toks) if i and toks[i - 1].keyword == "PREFIX"}
    if "Prefix not found" in detail:
        pname = _unknown_prefix(toks, offset, declared)
        if pname is not None:
            prefix = pname.text.split(":", 1)[0]
            known = ", ".join(f"{p}:" for p in PREDECLARED)
            return (
                f"unknown prefix `{prefix}:` {_where(*_line_col(text, pname.start))}; declare it with PREFIX {prefix}: <...>"
                f" or use one of the predeclared prefixes ({known})"
            )
    first = next((t for t in toks if t.kind == "word"), None)
    if first is not None and first.keyword not in _FORMS and first.start < offset:
        return (
            f"a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE (after any PREFIX lines), "
            f"not `{first.text}` {_where(*_line_col(text, first.start))}"
        )
    if "IRI parsing failed" in detail:
        return f"a malformed IRI {where}: IRIs in <...> may not contain spaces, quotes or braces"
    quote = next((t for t in toks if t.kind == "other" and t.text in "\"'"), None)
    if quote is not None:
        return f"a string that is never closed {_where(*_line_col(text, quote.start))}"
    rest = text[offset:].strip()
    unclosed = _unclosed(toks)
    if unclosed is not None and ((unclosed[1] is None and not rest) or unclosed[1] is not None):
        opener, instead = unclosed
        spot = where if instead is None else _where(*_line_col(text, instead.start))
        return (
            f"expected `{_CLOSER[opener.text]}` {spot}: the `{opener.text}` "
            f"{_where(*_line_col(text, opener.start))} is never closed"
        )
    unknown = next(
        (t for t in toks if t.kind == "word" and t.start < offset and t.keyword not in KNOWN_WORDS), None
    )
    if unknown is not None:
        return f"unknown word `{unknown.text}` {_where(*_line_col(text, unknown.start))}"
    near = _token_at(toks, offset)
    found = f"near `{near.text}`" if near is not None else "at the end of the query"
    expected = [e for e in _expected(detail) if e not in _UNHELPFUL]
    hint = ""
    if {"ABS", "STR"} & set(expected):
        hint = "; expected an expression (a variable, a value or a function call)"
    elif expected:
        shown = ", ".join(f"`{e}`" for e in expected[:_MAX_EXPECTED])
        hint = f"; expected {shown}{' …' if len(expected) > _MAX_EXPECTED else ''}"
    return f"syntax error {found} {where}{hint}"
