"""The running software's version (from the package metadata: one place) and its PROV agent IRI."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["SOFTWARE_IRI", "__version__"]

try:
    __version__ = version("firmgraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

SOFTWARE_IRI = f"https://w3id.org/firmgraph/software/{__version__}"
