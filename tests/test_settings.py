"""One settings object: the environment and a .env file, nested remote settings, a generated reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from firmgraph.graph.settings import Settings, reference
from tests.conftest import REPO


def test_the_configuration_reference_is_generated_from_the_settings() -> None:
    doc = REPO / "docs" / "configuration.md"
    assert doc.read_text() == reference(), "docs/configuration.md drifted: write settings.reference() to it"
    for name in Settings.model_fields:
        if name != "remote":
            assert f"`FIRMGRAPH_{name.upper()}`" in reference()


def test_a_dot_env_file_is_read_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text(
        "FIRMGRAPH_BASE_IRI=https://example.org/kg/\nFIRMGRAPH_MAX_ROWS=7\nFIRMGRAPH_REMOTE_TOKEN=abc\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FIRMGRAPH_MAX_ROWS", "9")
    for name in ("FIRMGRAPH_BASE_IRI", "FIRMGRAPH_REMOTE_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert settings.base_iri == "https://example.org/kg/"
    assert settings.max_rows == 9
    assert settings.remote.token == "abc"
