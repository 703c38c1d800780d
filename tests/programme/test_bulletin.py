"""月通报: the month's tables and chart, protected counts, bad lines, encodings, where it may be written."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from build_tools import core
from build_tools.load import programme as sources
from build_tools.pages.programme import generate as programme_pages
from build_tools.pages.urls import SiteUrls
from build_tools.programme import bulletin, render

from ..conftest import REPO, fanzha
from .helpers import FIXTURE, assert_golden, fanzha_fails, first_page_png, fixture_copy, pdf_pages, pdf_text, tree_files

LOG = (FIXTURE / "programme" / "incidents.csv").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fixture_bulletin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bulletin")
    proc = fanzha("bulletin", "--root", str(FIXTURE), "--month", "2026-10", "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["bulletin-2026-10.md", "bulletin-2026-10.pdf",
                                                    "bulletin-2026-10.svg"]
    return out


def test_markdown_and_chart_golden(fixture_bulletin: Path) -> None:
    assert_golden("bulletin-2026-10.md", (fixture_bulletin / "bulletin-2026-10.md").read_bytes())
    assert_golden("bulletin-2026-10.svg", (fixture_bulletin / "bulletin-2026-10.svg").read_bytes())


def test_month_against_last_month(fixture_bulletin: Path) -> None:
    md = (fixture_bulletin / "bulletin-2026-10.md").read_text(encoding="utf-8")
    # October: 9 cases (刷单 5 → hidden as the largest, 购物 3, 客服 1); September: 3, all small
    assert "本月共接报涉诈警情 9 起（上月 3 起，变化 +6）" in md
    assert "| 刷单返利 | \\* | — | — | — |" in md
    assert "| 虚假购物服务 | 3 | 1,000 | — | — |" in md
    assert "| 冒充电商物流客服 | &lt;3 | — | — | — |" in md
    assert "| 合计 | 9 | 8,700 | 3 | +6 |" in md
    # colleges: the roster's two, then 丙学院 from the log (a row even with no case this month)
    assert re.findall(r"^\| (.学院) ", md, re.M) == ["甲学院", "乙学院", "丙学院"] * 1
    assert "[寝室里的兼职刷单](https://fanzha.test.example/cases/shuadan-a/)" in md
    assert "测试数据" not in md and "含逗号的备注" not in md  # 备注 is never printed


def test_pdf_is_chinese_text_with_embedded_noto(fixture_bulletin: Path, output_dir: Path) -> None:
    pdf = fixture_bulletin / "bulletin-2026-10.pdf"
    assert pdf_pages(pdf) >= 1
    text = pdf_text(pdf)
    assert "测试学院反诈月通报" in text and "<3" in text and "本月共接报涉诈警情 9 起" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Noto-Sans-CJK-SC" in fonts and "Noto-Serif-CJK-SC" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded
    first_page_png(pdf, output_dir / "programme-bulletin.png")


def _count_cells(md: str) -> list[str]:
    cells = []
    for line in md.splitlines():
        if line.startswith("| ") and not line.startswith(("| 类型", "| 学院", "|---")):
            parts = [p.strip() for p in line.strip("|").split("|")]
            cells += [parts[1], parts[3]]
    return cells


def test_sample_log_never_prints_a_count_below_3() -> None:
    result = core.validate(REPO)
    incidents = sources.incidents(sources.input_file(REPO, sources.INCIDENTS), result.kb)
    colleges = sources.roster_colleges(sources.input_file(REPO, sources.CLASSES))
    for year, month in sorted({i.month for i in incidents}):
        b = bulletin.build(incidents, year, month, result.kb, result.settings, colleges)
        cells = _count_cells(render.render("bulletin.md.j2", b=b, chart_src="chart.svg"))
        assert len(cells) > 40
        assert not [c for c in cells if c in ("0", "1", "2")], (year, month)
        assert "&lt;3" in cells


@pytest.mark.parametrize("encoding, bom", [("utf-8", True), ("gb18030", False)])
def test_excel_encodings_give_the_same_bulletin(tmp_path: Path, fixture_bulletin: Path,
                                                encoding: str, bom: bool) -> None:
    data = LOG.replace("\n", "\r\n").encode(encoding)
    root = fixture_copy(tmp_path, {"programme/incidents.csv": (b"\xef\xbb\xbf" if bom else b"") + data})
    out = tmp_path / "out"
    assert fanzha("bulletin", "--root", str(root), "--month", "2026-10", "--out", str(out)).returncode == 0
    assert (out / "bulletin-2026-10.md").read_bytes() == (fixture_bulletin / "bulletin-2026-10.md").read_bytes()


BROKEN = """日期,学院,类型,损失金额,是否劝阻成功,备注
2026-10-01,甲学院,刷单返利,100,否,好的一行
2026-13-01,甲学院,刷单返利,100,否,坏日期
2026-10-02,甲学院,刷单反利,100,否,未知类型
2026-10-03,甲学院,刷单返利,-5,否,负数
2026-10-04,甲学院,刷单返利,100,否
2026-10-05,甲学院,刷单返利,100,也许,坏的是否
2026-10-06,,shuadan,一百,是,"两处错误,
备注跨行"
"""


def test_bad_lines_are_all_reported_and_nothing_is_written(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path, {"programme/incidents.csv": BROKEN})
    out = tmp_path / "out"
    proc = fanzha("bulletin", "--root", str(root), "--month", "2026-10", "--out", str(out))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "programme/incidents.csv:3:1: error bad-date 日期: '2026-13-01' is not a real date",
        "programme/incidents.csv:4:16: error unknown-type 类型: unknown type '刷单反利'; did you mean '刷单返利'?",
        "programme/incidents.csv:5:21: error bad-amount 损失金额: expected an amount of 0 or more, found '-5'",
        "programme/incidents.csv:6:1: error bad-columns expected 6 fields (日期, 学院, 类型, 损失金额, "
        "是否劝阻成功, 备注), found 5; a value that contains a comma must be in double quotes",
        "programme/incidents.csv:7:25: error bad-yes-no 是否劝阻成功: expected 是 or 否, found '也许'",
        "programme/incidents.csv:8:12: error missing-value 学院: expected the college's name, found nothing",
        "programme/incidents.csv:8:21: error bad-amount 损失金额: expected an amount in yuan like 12000 or 0, "
        "found '一百'",
    ]
    assert proc.stderr.endswith("fanzha: 7 error(s); nothing was written\n")
    assert tree_files(out) == []


def test_a_bad_header_is_reported_once(tmp_path: Path) -> None:
    lines, _out = fanzha_fails(tmp_path, "bulletin",
                               {"programme/incidents.csv": "日期,学院,种类,损失金额,是否劝阻成功\n2026-10-01,甲,刷单返利,1,否\n"})
    assert lines == [
        "programme/incidents.csv:1:1: error bad-header missing column(s) 类型, 备注; the first line must "
        "name the columns 日期, 学院, 类型, 损失金额, 是否劝阻成功, 备注",
        "programme/incidents.csv:1:7: error bad-header unknown column '种类'; expected the columns 日期, 学院, "
        "类型, 损失金额, 是否劝阻成功, 备注",
    ]


def test_not_written_into_the_public_site_unless_published(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    proc = fanzha("bulletin", "--root", str(root), "--out", str(root / "site" / "bulletin"))
    assert proc.returncode == 2 and "publish_bulletin" in proc.stderr
    assert not (root / "site").exists()
    published = fixture_copy(tmp_path / "p", {"mkdocs.yml": (FIXTURE / "mkdocs.yml").read_text(
        encoding="utf-8").replace("pass_mark: 80", "pass_mark: 80\n    publish_bulletin: true")})
    proc = fanzha("bulletin", "--root", str(published), "--out", str(published / "site" / "bulletin"))
    assert proc.returncode == 0, proc.stderr
    default = fanzha("bulletin", "--root", str(root))
    assert default.returncode == 0
    assert (root / "build" / "programme" / "bulletin" / "bulletin-2026-10.pdf").is_file()  # the latest month


def test_the_default_site_holds_no_incident_log(default_site: Path) -> None:
    raw_rows = (REPO / "programme" / "incidents.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert raw_rows
    files = tree_files(default_site)
    assert not [f for f in files if f.suffix == ".csv" and f.name != "reminders.csv"]
    assert not (default_site / "programme" / "bulletins").exists()  # publish_bulletin is false
    for f in files:
        if f.suffix in (".html", ".json", ".md", ".txt", ".csv", ".xml", ".ics"):
            text = f.read_text(encoding="utf-8", errors="replace")
            assert "示例数据（虚构）" not in text, f
            assert not any(row in text for row in raw_rows[:20]), f


def _published_root(tmp_path: Path, log: str = LOG) -> Path:
    mkdocs = (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8")
    return fixture_copy(tmp_path, {"mkdocs.yml": mkdocs.replace("pass_mark: 80", "pass_mark: 80\n    publish_bulletin: true"),
                                   "programme/incidents.csv": log})


def test_published_bulletins_are_aggregates_only(tmp_path: Path) -> None:
    root = _published_root(tmp_path)
    result = core.validate(root)
    assert result.ok, result.problems
    pages = programme_pages(result, SiteUrls(True))
    assert sorted(p for p in pages if p.startswith("programme/bulletins/")) == [
        "programme/bulletins/2026-09/chart.svg", "programme/bulletins/2026-09/index.md",
        "programme/bulletins/2026-10/chart.svg", "programme/bulletins/2026-10/index.md",
        "programme/bulletins/index.md"]
    everything = "\n".join(pages.values())
    for row in LOG.splitlines()[1:]:
        date, *_ = row.split(",")
        assert date not in everything  # no single incident's date, so no row
    assert "测试数据" not in everything and "含逗号的备注" not in everything
    assert "[2026年10月](2026-10/index.md)：共 9 起" in pages["programme/bulletins/index.md"]


def test_published_log_is_validated_with_the_content(tmp_path: Path) -> None:
    root = _published_root(tmp_path, LOG + "2026-10-30,甲学院,不存在的类型,1,否,\n")
    proc = fanzha("validate", "--root", str(root))
    assert proc.returncode == 1
    assert proc.stdout == ("programme/incidents.csv:14:16: error unknown-type 类型: unknown type '不存在的类型'; "
                           "use an id or a name from taxonomy.yml, e.g. shuadan or 刷单返利\n")
    unpublished = fixture_copy(tmp_path / "u", {"programme/incidents.csv": LOG + "bad,line\n"})
    assert fanzha("validate", "--root", str(unpublished)).returncode == 0  # not part of the site: not checked


def test_published_roster_is_validated_too(tmp_path: Path) -> None:
    root = _published_root(tmp_path)
    (root / "programme" / "classes.csv").write_text("学院,班级,人数\n甲学院,甲1班\n", encoding="utf-8")
    proc = fanzha("validate", "--root", str(root))
    assert proc.returncode == 1
    assert proc.stdout == ("programme/classes.csv:2:1: error bad-columns expected 3 fields (学院, 班级, 人数), "
                           "found 2; a value that contains a comma must be in double quotes\n")
