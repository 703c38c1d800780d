"""Settings a college has not filled in yet: the one place that says what a placeholder is.

The default mkdocs.yml (and the defaults in settings.py) hold placeholders so a new
college's site builds at once: "（请填写…）" for names and phone numbers, 某某学院 for the
school's name and an example.* address for site_url. Published as they are, students
would read "（请填写保卫处24小时值班电话）" where they look for help. So:

- `fanzha build` and `mkdocs build` warn once for every such setting, at its line in
  mkdocs.yml (`extra.fanzha.<key>`; a setting left out of mkdocs.yml, whose default is a
  placeholder, at the `fanzha:` line); `--strict` fails on them;
- the site shows a "预览版：学校信息未填写" banner on every page, naming them;
- kit PDFs carry a 预览版 mark.

`fanzha validate` does not report them: it checks content (cases, clips, banks, kits,
pages), which is right or wrong whatever the settings say, and the default content must
validate without warnings. A build is what publishes the settings, so the build warns.
"""
from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .problem import Problem, warning

if TYPE_CHECKING:
    from .settings import Settings

CODE = "unfinished-setting"

# What each checked setting is, as the banner names it (in the order shown).
LABELS = {
    "college_name": "校名",
    "security_phone": "保卫处值班电话",
    "police_station": "属地派出所名称",
    "police_phone": "属地派出所电话",
    "counselling_phone": "心理健康教育中心电话",
    "wechat": "学校微信公众号",
    "discipline_rules": "校规中有关两卡的条款",
    "site_url": "网站地址（site_url）",
}
# A value still in the "（请填写…）" form: the word 请填写 anywhere in it.
FILL_IN = "请填写"
# A school name still the sample's: 某某 ("so-and-so") in it.
SAMPLE_NAME = "某某"
# Host names that only stand for an address in examples (RFC 2606 / RFC 6761): any label
# "example" (example.com, fanzha.example.edu.cn, site.example). Addresses for tests (.test)
# and loopback are not placeholders: they are real for whoever builds with them.
EXAMPLE_LABEL = "example"


@dataclass(frozen=True)
class Unfinished:
    key: str        # the setting: a key of extra.fanzha, or site_url
    value: str      # what the site would show
    label: str      # what it is, in Chinese


def is_placeholder(key: str, value: Any) -> bool:
    """Whether the value of setting `key` is still a placeholder (the rule, in one place)."""
    text = str(value if value is not None else "").strip()
    if key == "site_url":
        if not text:
            return False  # no site_url is allowed (MkDocs needs none; kits go without QR codes)
        try:
            host = urllib.parse.urlsplit(text).hostname or ""
        except ValueError:
            return False  # settings.py refuses it with its own message
        return EXAMPLE_LABEL in host.lower().rstrip(".").split(".")
    if key not in LABELS:
        return False
    if not text or FILL_IN in text:
        return True
    return key == "college_name" and SAMPLE_NAME in text


def unfinished(settings: Settings) -> list[Unfinished]:
    """The settings still placeholders, in the order of LABELS."""
    out = []
    for key, label in LABELS.items():
        value = getattr(settings, key, "")
        if is_placeholder(key, value):
            out.append(Unfinished(key, str(value), label))
    return out


def labels(settings: Settings) -> list[str]:
    return [u.label for u in unfinished(settings)]


def problems(settings: Settings) -> list[Problem]:
    """A warning for each unfinished setting, at its line in mkdocs.yml (or the file it inherits
    the setting from, as `settings.written` says); one that is not written anywhere, at the
    `fanzha:` (or `extra:`) line."""
    found = unfinished(settings)
    if not found:
        return []
    written = settings.written
    out = []
    for item in found:
        path = ("site_url",) if item.key == "site_url" else ("extra", "fanzha", item.key)
        shown = "site_url" if item.key == "site_url" else f"extra.fanzha.{item.key}"
        pos = written.at(*path)
        if pos is not None:
            message = (f"{shown} is still a placeholder ({item.value!r}); fill in the {_english(item.key)} "
                       "before publishing: until then every page shows a 预览版 banner")
        else:
            pos = written.at("extra", "fanzha") or written.at("extra") or written.first
            message = (f"{shown} is not set, so the site shows the placeholder {item.value!r}; add "
                       f"{item.key}: with the {_english(item.key)} here before publishing: until then "
                       "every page shows a 预览版 banner")
        out.append(warning(pos, CODE, message))
    return sorted(out)


_ENGLISH = {
    "college_name": "school's name", "security_phone": "security office's 24-hour phone number",
    "police_station": "local police station's name", "police_phone": "local police station's phone number",
    "counselling_phone": "counselling centre's phone number", "wechat": "school's WeChat official account",
    "discipline_rules": "school rules on lending or selling bank cards and SIM cards",
    "site_url": "site's web address",
}


def _english(key: str) -> str:
    return _ENGLISH.get(key, key)
