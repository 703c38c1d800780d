"""录取通知书反诈提醒专页: one A4 page for every admission letter.

The five frauds, three rules, 110 and 96110, the security office's number and
a QR code to the site. The college may choose the five types and word the
rules in programme/insert.yml (optional):

```yaml
frauds: [maochong-laoshi, zhuxuejin, shuadan, gongjianfa, youxi]
rules: [不轻信……, 不透露……, 不转账……]
```

The page must stay one page whatever the settings hold (a long college name,
several phone numbers): it is rendered at decreasing type sizes until it fits,
and a page that cannot fit is an error rather than a second sheet.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..load.programme.inputs import raise_if
from ..load.programme.yamlinput import Fields, load_doc
from ..model import FraudType
from ..pdf.qr import data_uri
from ..problem import Problem
from ..settings import Settings, SettingsError
from ..urls import SiteUrls
from . import render

# Frauds that hit new students most (domain-facts.md: fake fees and teachers, fake aid,
# 刷单 part-time jobs, fake police "your parcel is money laundering", game trading),
# then fallbacks for a taxonomy without some of them.
DEFAULT_FRAUDS = ("maochong-laoshi", "zhuxuejin", "shuadan", "gongjianfa", "youxi",
                  "kefu", "gouwu", "xiaoyuandai", "daikuan", "liangka")
DEFAULT_RULES = (
    "不轻信：自称老师、辅导员、客服、警察的陌生人要钱，先打学校公布的电话或当面核实；公检法不会在电话里办案，更没有“安全账户”。",
    "不透露：验证码、银行卡号和密码、身份证照片不给任何人，不点陌生链接，不与陌生人共享屏幕。",
    "不转账：缴费只走学校官方渠道；“先交钱再办事”“先垫付再返利”的，一律是诈骗。",
)
FRAUD_COUNT = 5
SCALES = (1.15, 1.07, 1.0, 0.93, 0.86, 0.8, 0.74, 0.68)


class InsertTooLong(Exception):
    """Even the smallest type size needs more than one page."""


@dataclass(frozen=True)
class InsertContent:
    frauds: list[FraudType]
    rules: list[str]


def load_insert(text: str | None, rel: str, types: dict[str, FraudType]) -> InsertContent:
    """insert.yml (None: not there) → the five frauds and three rules; InputErrors on mistakes."""
    chosen: list[str] = []
    rules = list(DEFAULT_RULES)
    if text is not None:
        doc = load_doc(text, rel)
        problems: list[Problem] = []
        top = Fields(doc, (), problems, ("frauds", "rules"))
        chosen = _frauds(top, types)
        rules = _rules(top) or rules
        raise_if(problems)
    picked = list(dict.fromkeys([*chosen, *(t for t in DEFAULT_FRAUDS if t in types), *types]))
    return InsertContent([types[t] for t in picked[:FRAUD_COUNT]], rules)


def _frauds(top: Fields, types: dict[str, FraudType]) -> list[str]:
    out = []
    for i in top.items("frauds"):
        tid = top.data["frauds"][i]
        if tid not in types:
            top.fail(("frauds", i), f"unknown type id '{tid}'; expected an id from taxonomy.yml", "unknown-type")
        else:
            out.append(tid)
    if len(out) > FRAUD_COUNT:
        top.fail(("frauds",), f"expected at most {FRAUD_COUNT} types, found {len(out)}")
    return out


def _rules(top: Fields) -> list[str]:
    indexes = top.items("rules")
    if indexes and len(indexes) != 3:
        top.fail(("rules",), f"expected three rules, found {len(indexes)}")
        return []
    rules = [str(top.data["rules"][i]).strip() for i in indexes]
    for i, rule in zip(indexes, rules):
        if not rule:
            top.fail(("rules", i), "expected the rule's text, found nothing")
    return rules


PARENTS_PAGE = "parents.md"  # docs/parents.md: the page for new students' parents, if the site has one


def parents_url(root: Path, settings: Settings) -> str:
    """The parents' page's address when the site has docs/parents.md (in docs_dir) and a site_url, else ''."""
    if not settings.site_url or not (root / settings.docs_dir / PARENTS_PAGE).is_file():
        return ""
    return SiteUrls.of(settings).absolute(PARENTS_PAGE)  # parents/ or parents.html, as the site is built


def render_insert(content: InsertContent, settings: Settings, parents: str = "") -> render.Pdf:
    """The one-page PDF; InsertTooLong when no type size fits it on one page.

    `parents`: the address of the page for parents (the insert travels with the admission letter,
    which parents read first), printed under the QR code."""
    if not settings.site_url:
        raise SettingsError("mkdocs.yml: site_url is not set; the insert's QR code needs the site's "
                            "address (site_url: https://…)")
    qr = data_uri(settings.site_url)  # the QR codes' one maker, as on kit PDFs

    def at(scale: float) -> render.Pdf:
        html = render.render("insert.html", c=content, settings=settings, scale=scale, qr=qr, parents=parents)
        return render.pdf(html, "insert.pdf")

    # The largest type first (what nearly every college gets: one render), then the
    # smallest: if even that overflows, stop; otherwise take the largest size that fits.
    largest = at(SCALES[0])
    if largest.pages == 1:
        return largest
    smallest = at(SCALES[-1])
    if smallest.pages == 1:
        return next((pdf for pdf in map(at, SCALES[1:-1]) if pdf.pages == 1), smallest)
    raise InsertTooLong("the admission-letter insert does not fit on one A4 page even at "
                        f"{int(SCALES[-1] * 100)}% type size; shorten the settings' texts or insert.yml")
