"""A small content root around one default scenario: its case, clip and bank; built once per
session (the whole default site takes minutes). The kit tests add a kit naming the scenario."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import REPO, fanzha, serve_folder
from ..core.helpers import make_tree

SCENARIO = "shuadan-dianzan-renwu"
PAYLOADS = ("</script><script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{ 7*7 }} <!-- &amp;")
TRICKY = f"""id: tricky
title: 转义测试
summary: '{PAYLOADS[1]}'
type: shuadan
audience: [学生]
player: me
start: s1
cast:
  - {{id: me, name: '我{PAYLOADS[1][:6]}'}}
  - {{id: pian, name: 骗子}}
steps:
  - id: s1
    messages:
      - {{from: pian, kind: chat, text: '{PAYLOADS[0]}'}}
      - {{from: pian, kind: card, title: '{PAYLOADS[2]}', text: '{PAYLOADS[1]}'}}
    choices:
      - {{text: '{PAYLOADS[1][:20]}', next: e1, say: '{PAYLOADS[0]}'}}
      - {{text: 不理, next: e2}}
endings:
  - {{id: e1, kind: loss, title: 被骗, text: '{PAYLOADS[0]}', lesson: '{PAYLOADS[2]}'}}
  - {{id: e2, kind: stopped, title: 没事, text: 好, lesson: 好}}
sources: [编写示例]
"""
KIT = """id: yanlian
title: 刷单情景演练班会
audience: 全体学生
minutes: 30
agenda:
  - {title: 情景演练, minutes: 20, scenario: shuadan-dianzan-renwu, host: 请同学按角色卡扮演。}
  - {title: 总结, minutes: 10}
"""


@pytest.fixture(scope="session")
def scenario_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scenario") / "root"
    make_tree(root, {"taxonomy.yml": (REPO / "taxonomy.yml").read_text(encoding="utf-8")})
    files = {"scenarios": [f"{SCENARIO}.yml"], "cases": ["shuadan-dorm-like-task.md", "shuadan-graduate-online-clerk.md"],
             "clips": ["shuadan-60s.md"], "quizzes": ["shuadan.yml"]}
    for folder, names in files.items():
        (root / folder).mkdir()
        for name in names:
            shutil.copy2(REPO / folder / name, root / folder / name)
    (root / "scenarios" / "tricky.yml").write_text(TRICKY, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def kit_root(scenario_root: Path) -> Path:
    """The small root plus kits/yanlian.yml, whose agenda names the scenario."""
    root = shutil.copytree(scenario_root, scenario_root.parent / "with-kit")
    (root / "kits").mkdir()
    (root / "kits" / "yanlian.yml").write_text(KIT, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def scenario_site(scenario_root: Path) -> Iterator[tuple[Path, str]]:
    """The small root built with `fanzha build` and served on localhost: (site, base url)."""
    site = scenario_root.parent / "site"
    proc = fanzha("build", "--root", str(scenario_root), "--out", str(site))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    url, server = serve_folder(site)
    yield site, url
    server.shutdown()
