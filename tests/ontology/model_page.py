"""Where the data-model page is and the prefixes its worked example assumes."""

from __future__ import annotations

from pathlib import Path

MODEL_DOC = Path(__file__).resolve().parents[2] / "docs" / "model.md"
BASE = "https://w3id.org/firmgraph/"
CONCEPT_SCHEMES = ("reason", "role", "method", "status", "scope", "channel")
PREFIXES = {
    "fg": "https://w3id.org/firmgraph/ns#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    **{scheme: f"https://w3id.org/firmgraph/ns/{scheme}/" for scheme in CONCEPT_SCHEMES},
}
