"""录取通知书专页: one A4 page whatever the settings hold, with the numbers and a QR code that scans."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pyzbar import pyzbar

from ..conftest import REPO, fanzha
from .helpers import FIXTURE, fanzha_fails, first_page_png, fixture_copy, pdf_pages, pdf_text, tree_files

LONG_NAME = "某某省某某市某某区职业技术学院（原某某工业学校、某某财经学校与某某师范学校合并组建）"
LONG_PHONE = "0571-12345678（24小时值班）、0571-87654321（工作日 8:00—17:00）、校内短号 666888"


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _qr_codes(pdf: Path, tmp_path: Path) -> list[str]:
    stem = tmp_path / "qr"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(stem)], check=True)
    with Image.open(stem.with_suffix(".png")) as image:
        return [code.data.decode("utf-8") for code in pyzbar.decode(image)]


def test_default_insert_is_one_page_with_numbers_and_a_qr_code(tmp_path: Path, output_dir: Path) -> None:
    out = tmp_path / "out"
    proc = fanzha("insert", "--root", str(REPO), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    pdf = out / "insert.pdf"
    assert pdf_pages(pdf) == 1
    text = _squeeze(pdf_text(pdf))
    for words in ("110", "96110", "（请填写保卫处24小时值班电话）", "冒充老师/辅导员收费", "虚假助学金与奖学金",
                  "刷单返利", "冒充公检法及政府机关", "网络游戏产品虚假交易", "不轻信", "不透露", "不转账"):
        assert words in text, words
    assert _qr_codes(pdf, tmp_path) == ["https://fanzha.example.edu.cn/"]
    assert "家长请看《给新生家长》：https://fanzha.example.edu.cn/parents/" in text  # docs/parents.md exists
    first_page_png(pdf, output_dir / "programme-insert.png")


def test_insert_names_the_parents_page_only_when_the_site_has_one(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path / "root")
    (root / "docs" / "parents.md").unlink(missing_ok=True)
    out = tmp_path / "out"
    assert fanzha("insert", "--root", str(root), "--out", str(out)).returncode == 0
    assert "家长请看" not in _squeeze(pdf_text(out / "insert.pdf"))
    (root / "docs" / "parents.md").write_text("# 给新生家长\n", encoding="utf-8")
    assert fanzha("insert", "--root", str(root), "--out", str(out)).returncode == 0
    assert "家长请看《给新生家长》" in _squeeze(pdf_text(out / "insert.pdf"))


def test_long_college_name_and_phone_numbers_still_fit_one_page(tmp_path: Path, output_dir: Path) -> None:
    mkdocs = (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8")
    mkdocs = (mkdocs.replace("college_name: 测试学院", f"college_name: {LONG_NAME}")
              .replace("security_phone: 0000-1234567", f"security_phone: {LONG_PHONE}\n"
                       "    security_office: 保卫处（党委保卫部、人民武装部）校园安全与综合治理办公室"))
    root = fixture_copy(tmp_path, {"mkdocs.yml": mkdocs})
    out = tmp_path / "out"
    assert fanzha("insert", "--root", str(root), "--out", str(out)).returncode == 0
    pdf = out / "insert.pdf"
    assert pdf_pages(pdf) == 1
    text = _squeeze(pdf_text(pdf, "-raw"))
    assert _squeeze(LONG_NAME) in text and _squeeze(LONG_PHONE) in text
    assert _qr_codes(pdf, tmp_path) == ["https://fanzha.test.example/"]
    first_page_png(pdf, output_dir / "programme-insert-long.png")


def test_insert_yml_chooses_frauds_and_words_rules(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path, {"programme/insert.yml": (
        "frauds: [liangka, kaoshi]\nrules: [第一条：甲。, 第二条：乙。, 第三条：丙。]\n")})
    out = tmp_path / "out"
    assert fanzha("insert", "--root", str(root), "--out", str(out)).returncode == 0
    text = _squeeze(pdf_text(out / "insert.pdf"))
    # the two chosen first, then the defaults the taxonomy has, five in all
    order = [text.index(name) for name in ("两卡与帮信罪", "考试作弊与代考诈骗", "冒充老师/辅导员收费",
                                           "刷单返利", "冒充电商物流客服")]
    assert order == sorted(order) and "虚假购物服务" not in text
    assert "第一条：甲。" in text and "不轻信" not in text


def test_bad_insert_yml_is_reported_and_nothing_written(tmp_path: Path) -> None:
    lines, out = fanzha_fails(tmp_path, "insert", {"programme/insert.yml": "frauds: [shuadan, nosuch]\nrules: [一, 二]\n"})
    assert lines == [
        "programme/insert.yml:1:19: error unknown-type frauds[1]: unknown type id 'nosuch'; expected an id "
        "from taxonomy.yml",
        "programme/insert.yml:2:8: error wrong-value rules: expected three rules, found 2",
    ]
    assert tree_files(out) == []


def test_without_site_url_there_is_no_qr_code_to_print(tmp_path: Path) -> None:
    mkdocs = (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8").replace("site_url: https://fanzha.test.example/\n", "")
    root = fixture_copy(tmp_path, {"mkdocs.yml": mkdocs})
    proc = fanzha("insert", "--root", str(root), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2 and "site_url is not set" in proc.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.pdf
def test_text_that_cannot_fit_one_page_is_an_error(tmp_path: Path) -> None:
    rule = "不要转账。" * 400
    root = fixture_copy(tmp_path, {"programme/insert.yml": f"rules: [{rule}, {rule}, {rule}]\n"})
    proc = fanzha("insert", "--root", str(root), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert "does not fit on one A4 page" in proc.stderr and "nothing was written" in proc.stderr
    assert not (tmp_path / "out").exists()
