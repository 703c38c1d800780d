"""The default content has a playable scenario for each of the five types students meet most."""
from __future__ import annotations

from build_tools import core

from ..conftest import REPO

FIVE = ({"shuadan"}, {"kefu", "gouwu"}, {"gongjianfa"}, {"youxi"}, {"maochong-laoshi"})


def test_five_types_have_scenarios_with_three_endings() -> None:
    result = core.validate(REPO)
    problems = [str(p) for p in result.problems if p.path.startswith("scenarios/")]
    assert problems == []
    scenarios = list(result.kb.scenarios.values())
    for types in FIVE:
        own = [s for s in scenarios if s.type in types]
        assert own, f"no scenario of {types}"
        for s in own:
            kinds = {e.kind for e in s.endings}
            assert len(s.endings) >= 3 and "loss" in kinds and kinds - {"loss"}, s.id
            assert s.sources, s.id
