"""Tables from record labels (the gold JSON vocabulary) to ontology terms."""

from __future__ import annotations

import re

from firmgraph.graph.namespaces import CHANNEL, FG, METHOD, REASON, ROLE

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

REASONS = frozenset(
    [
        "ai",
        "automation",
        "efficiency",
        "cost",
        "bureaucracy",
        "culture",
        "profitability",
        "financial_performance",
        "overhiring",
        "macroeconomic",
        "demand",
        "competition",
        "overcapacity",
        "energy_costs",
        "regulation",
        "strategy",
        "divestment",
    ]
)
METHODS = frozenset(
    [
        "attrition",
        "early_retirement",
        "partial_retirement",
        "voluntary_leave",
        "hiring_freeze",
        "reskilling",
        "outsourcing",
        "divestment",
        "plant_closure",
        "production_end",
        "office_reduction",
        "severance",
        "no_forced_layoffs",
        "internal_transfer",
    ]
)
CHANNELS = frozenset(["sec_filing", "blog_post", "memo", "press_release", "media_statement", "interview"])

_ROLE_LABELS: dict[str, tuple[str, ...]] = {
    "CEO": ("ceo", "chief executive", "chief executive officer", "president and ceo", "group ceo"),
    "CoCEO": ("co ceo", "coceo", "co chief executive"),
    "BrandCEO": ("brand ceo",),
    "CFO": ("cfo", "chief financial officer"),
    "COO": ("coo", "chief operating officer"),
    "CTO": ("cto", "chief technology officer"),
    "HRHead": ("hr head", "hr board member", "vp human resources", "head of hr", "chief people officer",
               "chro", "head of human resources", "hr chief", "vice president human resources"),
    "Spokesperson": ("spokesperson", "spokesman", "spokeswoman", "press spokesperson"),
    "Chair": ("chair", "chairman", "chairwoman", "chairperson", "chair of the board"),
    "WorksCouncilChair": ("works council chair", "works council head", "general works council chair"),
    "ChiefNegotiator": ("chief negotiator", "union negotiator", "lead negotiator"),
    "Owner": ("owner", "investor", "owner investor", "major shareholder"),
    "CoFounder": ("co founder", "cofounder", "founder"),
    "Head": ("head",),
}  # fmt: skip
_ROLE_INDEX = {label: concept for concept, labels in _ROLE_LABELS.items() for label in labels}
HEAD_ROLES = frozenset({"CEO", "CoCEO"})
"""Roles that also give the direct `org:headOf` link."""


def _norm(label: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", label.lower()))


def role_concept(label: str) -> tuple[str, str]:
    """(role concept IRI, its local name) for a role label; unknown labels map to role:Head."""
    name = _ROLE_INDEX.get(_norm(label))
    if name is None:
        first = _norm(label.split("/")[0])
        name = _ROLE_INDEX.get(first, "Head")
    return str(ROLE[name]), name


def reason_concept(label: str) -> str | None:
    return str(REASON[label]) if label in REASONS else None


def method_concept(label: str) -> str | None:
    return str(METHOD[label]) if label in METHODS else None


def channel_concept(label: str) -> str | None:
    return str(CHANNEL[label]) if label in CHANNELS else None
