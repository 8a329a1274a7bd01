"""Record labels (the gold JSON vocabulary) to ontology terms, read from the concept schemes."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pyoxigraph as ox

from firmgraph.graph.model.namespaces import CHANNEL, FG, METHOD, REASON, ROLE, SKOS

__all__ = [
    "EVENT_CLASSES",
    "EVENT_TYPE_LABELS",
    "HEAD_ROLES",
    "channel_concept",
    "method_concept",
    "normalise",
    "reason_concept",
    "role_concept",
]

EVENT_CLASSES: dict[str | None, str] = {
    None: str(FG.RestructuringEvent),
    "layoff": str(FG.Layoff),
    "attrition_reduction": str(FG.AttritionReduction),
    "hiring_freeze": str(FG.HiringFreeze),
    "restructuring_plan": str(FG.RestructuringPlan),
}
EVENT_TYPE_LABELS = {
    None: "restructuring",
    "layoff": "layoff",
    "attrition_reduction": "reduction by attrition",
    "hiring_freeze": "hiring freeze",
    "restructuring_plan": "restructuring plan",
}
HEAD_ROLES = frozenset({str(ROLE.CEO), str(ROLE.CoCEO)})
"""Roles that also give the direct `org:headOf` link."""


def normalise(label: str) -> str:
    """Case, diacritics and punctuation folded away: "Vizepräsidentin für Personalwesen" -> "vizeprasidentin fur personalwesen"."""
    text = unicodedata.normalize("NFKD", label.lower().replace("ß", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", text))


@cache
def _index(scheme: str) -> dict[str, str]:
    """Normalised notation, preferred and alternative labels -> concept IRI, for one concept scheme."""
    from firmgraph import ontology

    store = ox.Store()
    store.load(ontology.read("concepts.ttl"), ox.RdfFormat.TURTLE)
    rows = store.query(
        f"SELECT ?c ?label WHERE {{ ?c <{SKOS.inScheme}> <{scheme}> ;"
        f" <{SKOS.notation}>|<{SKOS.prefLabel}>|<{SKOS.altLabel}> ?label }}"
    )
    return {normalise(row["label"].value): row["c"].value for row in rows}  # type: ignore[union-attr]


def _concept(scheme: str, label: str | None) -> str | None:
    if not label:
        return None
    index = _index(scheme)
    return index.get(normalise(label)) or index.get(normalise(label.split("/")[0]))


def role_concept(label: str) -> str:
    """The role concept for a label in either language; one the scheme does not know is role:Head."""
    return _concept(str(ROLE), label) or str(ROLE.Head)


def reason_concept(label: str) -> str | None:
    return _concept(str(REASON), label)


def method_concept(label: str) -> str | None:
    return _concept(str(METHOD), label)


def channel_concept(label: str | None) -> str | None:
    return _concept(str(CHANNEL), label)
