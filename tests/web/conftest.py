"""The service tests' shortcuts, for pages that show a complaint part way through its review."""

from tests.services.conftest import at_oat, considering, walk

__all__ = ["at_oat", "considering", "walk"]
