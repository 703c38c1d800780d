"""Share cards: a PNG per case and clip in the built site, 1080 × 1440, QR code to the page
(decoded with zbar), the key points from the case, same bytes for the same content."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from PIL import Image
from pyzbar.pyzbar import ZBarSymbol, decode

from build_tools import cards, core
from build_tools.model import Case
from build_tools.site import Site

from ..conftest import REPO


@pytest.fixture(scope="module")
def result() -> core.Result:
    return core.validate(REPO)


def qr_texts(png: Path) -> list[str]:
    return [d.data.decode("utf-8") for d in decode(Image.open(png), symbols=[ZBarSymbol.QRCODE])]


def test_every_case_and_clip_has_a_card_with_a_qr_code_to_its_page(default_site: Path,
                                                                   result: core.Result) -> None:
    base = result.settings.site_url.rstrip("/")
    assert base
    expected = {**{c: f"{base}/cases/{c}/" for c in result.kb.cases},
                **{c: f"{base}/clips/{c}/" for c in result.kb.clips if c not in result.kb.cases}}
    found = {p.stem: p for p in (default_site / "cards").glob("*.png")}
    assert sorted(found) == sorted(expected)
    for item_id in sorted(expected)[::5]:  # every fifth: zbar takes a moment per picture
        png = found[item_id]
        with Image.open(png) as img:
            assert img.size == (1080, 1440) and img.format == "PNG"
        assert qr_texts(png) == [expected[item_id]], png


def test_case_and_clip_pages_link_to_their_card(default_site: Path, result: core.Result) -> None:
    case = next(iter(result.kb.cases))
    page = (default_site / "cases" / case / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'href="(\.\./)+cards/{re.escape(case)}\.png"', page)
    clip = next(iter(result.kb.clips))
    page = (default_site / "clips" / clip / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'href="(\.\./)+cards/{re.escape(clip)}\.png"', page)


def test_key_points_come_from_the_case_section(result: core.Result) -> None:
    case = Case(id="x", title="t", type="shuadan", audience=[], date="2025-01", path="cases/x.md", body=(
        "## 经过\n\n- 不是要点\n\n## 识别要点\n\n- 第一点**加粗**的[链接](https://a.example/)。\n"
        "- 第二点，\n  续行。\n- 第三点。\n- 第四点。\n\n## 防范提示\n\n- 不是要点\n"))
    assert cards.case_points(case, result.settings.college) == ("第一点加粗的链接。", "第二点，续行。", "第三点。")
    for c in cards.cards(Site.of(result)):
        assert 1 <= len(c.points) <= 3, c.path
        assert all("**" not in p and "](" not in p for p in c.points), c.path


def test_same_card_same_bytes_and_text_changes_them(result: core.Result) -> None:
    card = cards.cards(Site.of(result))[0]
    one, two = cards.draw(card), cards.draw(dataclasses.replace(card))
    assert one == two
    assert cards.draw(dataclasses.replace(card, title=card.title + "！")) != one


def test_wrap_keeps_chinese_line_breaking_rules(result: core.Result) -> None:
    font = cards._font("regular", 36)
    text = "放款前要你先交任何费用（解冻金、保证金），都是诈骗；“不看征信”是标志。" * 4
    for width in range(300, 700, 9):
        lines = cards.wrap(text, font, width, 40)
        assert "".join(lines) == text
        for line in lines:
            assert font.getlength(line) <= width + 1
            assert line[0] not in "，。、；：？！”）》" and line[-1] not in "“（《", (width, line)


def test_long_point_is_cut_with_an_ellipsis() -> None:
    font = cards._font("regular", 36)
    lines = cards.wrap("很长的识别要点" * 40, font, 800, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")


def test_a_site_without_site_url_gets_cards_without_qr(result: core.Result) -> None:
    card = dataclasses.replace(cards.cards(Site.of(result))[0], url="")
    png = cards.draw(card)
    import io
    assert decode(Image.open(io.BytesIO(png)), symbols=[ZBarSymbol.QRCODE]) == []
