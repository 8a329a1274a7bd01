"""The extractor measured with the corpus scorer: the shared samples and the blind set in tests/corpus."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from firmgraph.graph.extraction import get_extractor
from firmgraph.graph.sources import read_path

REPO = Path(__file__).parents[2]
SHARED = REPO.parent / "shared" / "corpus"
BLIND = REPO / "tests" / "corpus"


def predict(articles: Path, out: Path) -> int:
    """Write one prediction per article (`name.de.txt` -> `name.de.json`); returns how many."""
    out.mkdir(parents=True, exist_ok=True)
    extractor = get_extractor("rules")
    files = sorted(p for p in articles.iterdir() if p.suffix.lower() in {".txt", ".html", ".htm"})
    for path in files:
        record = extractor.extract(read_path(path))
        (out / f"{path.stem}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), "utf-8")
    return len(files)


def overall_f1(corpus: Path, predictions: Path) -> tuple[float, str]:
    result = subprocess.run(
        [sys.executable, str(corpus / "score.py") if (corpus / "score.py").exists() else str(SHARED / "score.py"),
         str(corpus / "gold"), str(predictions)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    m = re.search(r"^overall_f1=([0-9.]+)$", result.stdout, re.M)
    assert m, result.stdout + result.stderr
    return float(m.group(1)), result.stdout


@pytest.mark.skipif(
    not (SHARED / "score.py").exists(), reason="the shared corpus (../shared/corpus) is not beside the repo"
)
def test_samples_score_at_least_095(tmp_path: Path) -> None:
    assert predict(SHARED / "articles", tmp_path) == len(list((SHARED / "gold").glob("*.json"))) > 0
    f1, report = overall_f1(SHARED, tmp_path)
    assert f1 >= 0.95, report


def _blind_set_complete() -> bool:
    return (BLIND / "README.md").exists() and len(list((BLIND / "gold").glob("*.json"))) >= 16


@pytest.mark.skipif(
    not (SHARED / "score.py").exists(), reason="the shared corpus scorer is not beside the repo"
)
@pytest.mark.skipif(not _blind_set_complete(), reason="the blind set in tests/corpus is not complete yet")
def test_blind_set_scores_at_least_090(tmp_path: Path) -> None:
    assert predict(BLIND / "articles", tmp_path) >= 16
    f1, report = overall_f1(BLIND, tmp_path)
    assert f1 >= 0.90, report
