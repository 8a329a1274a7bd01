"""Regulatory filings: "in einer Mitteilung an die SEC", "filed with the SEC", "8-K", WARN notices."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from firmgraph.graph.extraction.rules.orgs import OrgIndex
from firmgraph.graph.extraction.rules.text import Sentence

_FILING_CUE = re.compile(
    r"mitteilung|meldet\w*|anmeld\w*|angemeldet|eingereicht|einreich\w*|pflichtmitteilung|unterlage\w*|dokument\w*"
    r"|filing|filed|files|8-k|10-k|10-q|6-k|form\b|notice|document|disclos\w*|report(?:ed)? to",
    re.I,
)
# "8-K", also in a German compound ("8-K-Mitteilung")
_FORM = re.compile(r"(?<![\w-])(8-K|10-K|10-Q|6-K|20-F|S-1|8K)(?![\w]|-\d)", re.I)
_WARN = re.compile(r"(?<![\w-])WARN(?:[- ](?i:notice|notices|act|mitteilung|meldung|filing))?(?![\w-])")
_CHANNEL_FILING = re.compile(
    r"regulatory filing|in a filing|securities filing|börsenpflichtmitteilung|pflichtmitteilung", re.I
)


@dataclass
class Filing:
    org: str
    regulator: str | None
    form: str | None
    span: tuple[int, int]
    form_span: tuple[int, int] | None = None


def find_filings(
    sentences: list[Sentence], orgs: OrgIndex, actor: Callable[[Sentence, int | None], str | None]
) -> list[Filing]:
    """Filings with a regulator, keyed by (company, regulator); the form is kept where stated."""
    found: dict[tuple[str, str | None], Filing] = {}
    regulators = [o for o in orgs.orgs.values() if o.kind == "regulator"]
    for s in sentences:
        regs = [m for m in orgs.in_range(s.start, s.end) if orgs.orgs[m.key].kind == "regulator"]
        form = _FORM.search(s.text)
        warn = _WARN.search(s.text)
        generic = _CHANNEL_FILING.search(s.text)
        if not ((regs and _FILING_CUE.search(s.text)) or form or warn or generic):
            continue
        pos = s.start + (
            form.start() if form else warn.start() if warn else generic.start() if generic else 0
        )
        org = orgs.get(actor(s, pos))
        if org is None or org.kind != "company":
            # the actor was an exchange or outlet ("Norvik (Nasdaq: NRVK) ... in an 8-K"): the sentence's first firm
            firms = [m for m in orgs.in_range(s.start, s.end) if orgs.orgs[m.key].kind == "company"]
            org = orgs.orgs[firms[0].key] if firms else None
        if org is None:
            continue
        if regs:
            regulator: str | None = orgs.orgs[regs[0].key].name
        elif form or (generic and len(regulators) == 1):
            regulator = regulators[0].name if len(regulators) == 1 else ("SEC" if form else None)
        else:
            regulator = None
        filing = found.setdefault((org.name, regulator), Filing(org.name, regulator, None, (s.start, s.end)))
        if form and filing.form is None:
            filing.form = form.group(1).upper().replace("8K", "8-K")
            filing.form_span = (s.start + form.start(), s.start + form.end())
        elif warn and not form and filing.form is None and regs:
            filing.form = "WARN"  # a WARN notice to a state agency
            filing.form_span = (s.start + warn.start(), s.start + warn.end())
    # a notice with no agency named goes with the same firm's notice that names one
    named = {org for org, regulator in found if regulator is not None}
    return [f for (org, regulator), f in found.items() if regulator is not None or org not in named]
