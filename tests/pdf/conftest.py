"""Shared PDF fixtures: the fixture kits rendered once, the default kits from the default site."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from build_tools import core
from build_tools.pdf import KitsReport, build_kits
from build_tools.site import Site

from ..conftest import REPO

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mini"


@dataclass
class Built:
    """Kits rendered from one content root: the validated content, report and kit folders."""

    result: core.Result
    report: KitsReport
    kits: Path  # …/kits, holding <kit-id>/ folders

    def pdfs(self) -> list[Path]:
        return sorted(self.kits.glob("*/*.pdf"))


@pytest.fixture(scope="session")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The fixture kits (tests/pdf/fixtures/mini) rendered once."""
    result = core.validate(FIXTURE)
    assert result.ok, [str(p) for p in result.errors]
    dest = tmp_path_factory.mktemp("mini-kits")
    warnings: list[str] = []
    report = build_kits(Site.of(result), dest, warn=warnings.append)
    assert warnings == []
    return Built(result, report, dest / "kits")


@pytest.fixture(scope="session")
def default_kits(default_site: Path) -> Built:
    """The default content's kits, as `fanzha build` wrote them into the default site."""
    result = core.validate(REPO)
    if not result.kb.kits:
        pytest.skip("the default content has no kits yet")
    return Built(result, KitsReport(), default_site / "kits")


@pytest.fixture(scope="session", params=["mini", "default"])
def built(request: pytest.FixtureRequest) -> Built:
    """Each test that takes `built` runs on the fixture kits and on the default kits."""
    return request.getfixturevalue("mini" if request.param == "mini" else "default_kits")
