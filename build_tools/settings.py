"""The college's settings, read from `extra.fanzha` in mkdocs.yml.

Settings errors stop at the first one (exit code 2): unlike content, there are
only a few settings and a wrong one makes everything after it meaningless.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml


class SettingsError(Exception):
    """A bad setting or an unreadable mkdocs.yml; the message names the place."""


@dataclass(frozen=True)
class Settings:
    college_name: str = "某某学院"
    security_office: str = "保卫处"
    security_phone: str = "（请填写保卫处值班电话）"
    police_station: str = "（请填写属地派出所名称）"
    police_phone: str = "（请填写属地派出所电话）"
    counselling_phone: str = "（请填写心理健康教育中心电话）"
    wechat: str = "（请填写学校官方微信公众号）"
    discipline_rules: str = "（请填写学校纪律处分规定的相关条款）"
    reading_rate: float = 240.0
    clip_tolerance: float = 0.25
    pass_mark: float = 80.0
    site_name: str = "反诈知识库"
    site_url: str = ""
    publish_bulletin: bool = False

    @property
    def college(self) -> dict[str, str]:
        """Values shown to readers by `{{ college.X }}` placeholders."""
        return {"name": self.college_name, "security_office": self.security_office,
                "security_phone": self.security_phone, "police_station": self.police_station,
                "police_phone": self.police_phone, "counselling_phone": self.counselling_phone,
                "wechat": self.wechat, "discipline_rules": self.discipline_rules}


_NUMBERS = {"reading_rate": (60, 600), "clip_tolerance": (0, 1), "pass_mark": (0, 100)}


def settings_from_mapping(extra: Any, site_name: str = "", site_url: str = "",
                          where: str = "mkdocs.yml: extra.fanzha") -> Settings:
    """Settings from the `extra.fanzha` mapping; SettingsError names the bad key."""
    if extra is None:
        extra = {}
    if not isinstance(extra, dict):
        raise SettingsError(f"{where}: expected a mapping of settings, found {type(extra).__name__}")
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in extra.items():
        if key not in known or key in ("site_name", "site_url"):
            raise SettingsError(f"{where}.{key}: unknown setting; known settings: "
                                f"{', '.join(k for k in known if k not in ('site_name', 'site_url'))}")
        values[key] = _convert(f"{where}.{key}", key, value, known[key].type)
    site_url = str(site_url or "")
    if site_url and not site_url.lower().startswith(("http://", "https://")):
        # MkDocs refuses it too, but only when it builds; QR codes and page links need a web address
        raise SettingsError(f"mkdocs.yml: site_url: expected an address starting with http:// or https://, "
                            f"found {site_url!r}")
    return Settings(**values, site_name=str(site_name or "反诈知识库"), site_url=site_url)


def _convert(where: str, key: str, value: Any, kind: Any) -> Any:
    if kind in ("float", float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SettingsError(f"{where}: expected a number, found {value!r}")
        lo, hi = _NUMBERS[key]
        if not lo < value <= hi:
            raise SettingsError(f"{where}: expected a number above {lo} and at most {hi}, found {value!r}")
        return float(value)
    if kind in ("bool", bool):
        if not isinstance(value, bool):
            raise SettingsError(f"{where}: expected true or false, found {value!r}")
        return value
    if value is None or isinstance(value, (list, dict, bool)):
        raise SettingsError(f"{where}: expected text, found {value!r}")
    return str(value)


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its python tags (e.g. Material's emoji)."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yml(root: Path) -> dict[str, Any]:
    path = root / "mkdocs.yml"
    if not path.is_file():
        raise SettingsError(f"{path}: not found; run in a folder with mkdocs.yml or give --root DIR")
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_LenientLoader)
    except UnicodeDecodeError as exc:
        line = exc.object[:exc.start].count(b"\n") + 1
        raise SettingsError(f"mkdocs.yml:{line}: expected UTF-8 text, found byte 0x{exc.object[exc.start]:02X}; "
                            "save the file as UTF-8") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"mkdocs.yml:{mark.line + 1}:{mark.column + 1}" if mark else "mkdocs.yml"
        raise SettingsError(f"{where}: YAML syntax error: {(exc.problem or exc.context or 'cannot be read').strip()}") from None
    except yaml.YAMLError as exc:
        raise SettingsError(f"mkdocs.yml: cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise SettingsError("mkdocs.yml: expected a mapping of settings")
    return data


def load_settings(root: Path) -> Settings:
    """Settings for the root folder from its mkdocs.yml."""
    data = read_mkdocs_yml(root)
    extra = data.get("extra") or {}
    if not isinstance(extra, dict):
        raise SettingsError("mkdocs.yml: extra: expected a mapping")
    return settings_from_mapping(extra.get("fanzha"), data.get("site_name", ""), data.get("site_url", ""))
