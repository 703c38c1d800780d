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


def test_default_scenarios_match_the_json_schema() -> None:
    import json

    import jsonschema
    import yaml

    schema = json.loads((REPO / "schemas" / "scenario.schema.json").read_text(encoding="utf-8"))
    paths = sorted((REPO / "scenarios").glob("*.yml"))
    assert len(paths) >= 5
    for path in paths:
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        jsonschema.validate(data, schema)
    broken = {"id": "x", "steps": [{"id": "s1", "messages": [{"from": "me", "kind": "fax", "text": "t"}]}]}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(broken))


def test_new_scenario_from_the_template_validates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ..conftest import fanzha
    from ..core.helpers import make_tree

    root = make_tree(tmp_path, {})
    proc = fanzha("new", "scenario", "shuadan-lianxi", "--type", "shuadan", "--root", str(root))
    assert proc.returncode == 0 and proc.stdout.strip() == "scenarios/shuadan-lianxi.yml", proc.stderr
    result = core.validate(root)
    assert [str(p) for p in result.problems if p.path.startswith("scenarios/")] == []
    assert len(result.kb.scenarios["shuadan-lianxi"].endings) == 3
    assert fanzha("new", "scenario", "shuadan-lianxi", "--root", str(root)).returncode == 2
