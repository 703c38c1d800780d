"""The college's settings, read from mkdocs.yml once per run.

`load_settings` reads mkdocs.yml (and the files it INHERITs from) and gives one `Settings`: the
college's `extra.fanzha` values, the site's name and address, where its pages and output live
(`docs_dir`, `site_dir`, `use_directory_urls`) and where each setting is written (`written`,
for warnings at the right line). Everything after it takes the Settings, never the file.

Settings errors stop at the first one (exit code 2): unlike content, there are
only a few settings and a wrong one makes everything after it meaningless.
"""
from __future__ import annotations

import contextlib
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml


class SettingsError(Exception):
    """A bad setting or an unreadable mkdocs.yml; the message names the place."""


@dataclass(frozen=True)
class Place:
    """Where a setting is written: file (as shown in messages), line and column (from 1)."""

    path: str
    line: int
    col: int


@dataclass(frozen=True)
class Written:
    """Where each key of mkdocs.yml is written, down to `extra.fanzha.<key>`: mkdocs.yml first,
    then the files it inherits from (a key in a nearer file wins, as MkDocs merges them)."""

    places: Mapping[tuple[str, ...], Place] = field(default_factory=dict)
    first: Place = Place("mkdocs.yml", 1, 1)  # the nearest file's first line

    def at(self, *path: str) -> Place | None:
        return self.places.get(path)


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
    slides_font: str = "Microsoft YaHei"  # PowerPoint decks: the font for Latin and East Asian text
    site_name: str = "反诈知识库"
    site_url: str = ""
    publish_bulletin: bool = False
    # test-wiseness checks (checks/wiseness.py): shares in percent, minimum questions for a share to count
    longest_key_max: float = 35.0
    letter_key_max: float = 40.0
    judge_true_range: tuple[float, float] = (30.0, 70.0)
    share_min_questions: int = 8
    # classroom quiz mode: seconds of the countdown shown for each question (0: no countdown)
    classroom_seconds: int = 30
    # MkDocs' own settings the build needs (top level of mkdocs.yml, not extra.fanzha)
    docs_dir: str = "docs"  # hand-written pages, relative to the root (or absolute)
    site_dir: str = "site"  # the site's output folder
    use_directory_urls: bool = True  # pages at x/ rather than x.html
    written: Written = field(default_factory=Written, compare=False, repr=False)

    @property
    def college(self) -> dict[str, str]:
        """Values shown to readers by `{{ college.X }}` placeholders."""
        return {"name": self.college_name, "security_office": self.security_office,
                "security_phone": self.security_phone, "police_station": self.police_station,
                "police_phone": self.police_phone, "counselling_phone": self.counselling_phone,
                "wechat": self.wechat, "discipline_rules": self.discipline_rules}


_NUMBERS = {"reading_rate": (60, 600), "clip_tolerance": (0, 1), "pass_mark": (0, 100),
            "longest_key_max": (0, 100), "letter_key_max": (0, 100)}
_WHOLE = {"share_min_questions": (1, 10_000), "classroom_seconds": (0, 3600)}  # inclusive
_RANGES = {"judge_true_range": (0, 100)}  # [low, high], both within, low <= high
# Settings fields that come from MkDocs' top-level keys (or the reading), never from extra.fanzha
_NOT_EXTRA = ("site_name", "site_url", "docs_dir", "site_dir", "use_directory_urls", "written")


def settings_from_mapping(extra: Any, site_name: str = "", site_url: str = "",
                          where: str = "mkdocs.yml: extra.fanzha", *, docs_dir: Any = None,
                          site_dir: Any = None, use_directory_urls: Any = True,
                          written: Written | None = None) -> Settings:
    """Settings from the `extra.fanzha` mapping (and MkDocs' top-level keys); SettingsError names the bad key."""
    if extra is None:
        extra = {}
    if not isinstance(extra, dict):
        raise SettingsError(f"{where}: expected a mapping of settings, found {type(extra).__name__}")
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in extra.items():
        if key not in known or key in _NOT_EXTRA:
            raise SettingsError(f"{where}.{key}: unknown setting; known settings: "
                                f"{', '.join(k for k in known if k not in _NOT_EXTRA)}")
        values[key] = _convert(f"{where}.{key}", key, value, known[key].type)
    site_url = str(site_url or "")
    if site_url and not _web_address(site_url):
        # MkDocs refuses it too, but only when it builds; QR codes and page links need a web address
        raise SettingsError(f"mkdocs.yml: site_url: expected an address starting with http:// or https:// "
                            f"and a host name, "
                            f"found {site_url!r}")
    return Settings(**values, site_name=str(site_name or "反诈知识库"), site_url=site_url,
                    docs_dir=str(docs_dir or "docs"), site_dir=str(site_dir or "site"),
                    use_directory_urls=bool(use_directory_urls), written=written or Written())


def _web_address(url: str) -> bool:
    """An http(s) address with a host that Python's URL parser accepts (MkDocs and the QR codes parse it)."""
    if not url.lower().startswith(("http://", "https://")):
        return False
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return False
    return bool(parts.hostname)


def _convert(where: str, key: str, value: Any, kind: Any) -> Any:
    if key in _WHOLE:
        lo, hi = _WHOLE[key]
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise SettingsError(f"{where}: expected a whole number from {lo} to {hi}, found {value!r}")
        return value
    if key in _RANGES:
        lo, hi = _RANGES[key]
        ok = (isinstance(value, list) and len(value) == 2
              and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value))
        if not ok or not lo <= value[0] <= value[1] <= hi:
            raise SettingsError(f"{where}: expected [low, high], two numbers from {lo} to {hi} with low <= high, "
                                f"found {value!r}")
        return (float(value[0]), float(value[1]))
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


class _BadValue(Exception):
    """A value that cannot be what its tag or form says (2025-02-30, `!!int x`); carries the node."""

    def __init__(self, node: yaml.Node, reason: Exception) -> None:
        super().__init__("" if isinstance(reason, KeyError) else str(reason))  # KeyError: only the value again
        self.node = node


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its python tags (e.g. Material's emoji)."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (yaml.YAMLError, _BadValue, RecursionError):
            raise
        except Exception as exc:  # a value its tag cannot make: 2025-02-30, !!int x, !!bool maybe
            raise _BadValue(node, exc) from None


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)

# mkdocs.yml needs a few levels; far deeper nesting would exhaust Python's recursion limit.
MAX_DEPTH = 100
# Values aliases may bring in: MkDocs copies them all out, so a "billion laughs" file would take minutes.
MAX_VALUES = 100_000


def _too_deep(text: str) -> tuple[Any, str] | None:  # the pure-Python or the C parser's Mark
    """Where lists and mappings first nest more than MAX_DEPTH levels, or aliases (*name) first make
    the settings larger than MAX_VALUES values, with a message; read as events, without recursion."""
    sizes: list[int] = []        # values so far in each open collection
    anchors: list[str | None] = []
    anchored: dict[str, int] = {}  # values an anchor stands for, counted out
    total = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.CollectionStartEvent):
                sizes.append(0)
                anchors.append(event.anchor)
                if len(sizes) > MAX_DEPTH:
                    return event.start_mark, (f"lists and mappings are nested more than {MAX_DEPTH} levels deep "
                                              "here; settings need only a few")
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                n = sizes.pop() + 1
                anchor = anchors.pop()
                if anchor is not None:
                    anchored[anchor] = n
            elif isinstance(event, yaml.ScalarEvent):
                n = 1
                if event.anchor is not None:
                    anchored[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                n = anchored.get(event.anchor or "", 1)
            else:
                continue
            if sizes:
                sizes[-1] += n
            total += n if isinstance(event, yaml.AliasEvent) else 0
            if total > MAX_VALUES:
                return event.start_mark, (f"aliases (*name) expand the settings to more than {MAX_VALUES:,} values; "
                                          "write the values out instead of nesting aliases")
    except yaml.YAMLError:  # reported when the file is loaded
        return None
    return None


def _mark_at(text: str, index: int) -> str:
    """'line:col' of character `index` of text."""
    line = text.count("\n", 0, index) + 1
    return f"{line}:{index - (text.rfind(chr(10), 0, index) + 1) + 1}"


def read_mkdocs_yml(root: Path) -> dict[str, Any]:
    """mkdocs.yml as a mapping (without its inherited files); `load_settings` is what a run uses."""
    return _read_mkdocs_yml(root)[0]


def _read_mkdocs_yml(root: Path) -> tuple[dict[str, Any], dict[tuple[str, ...], Place]]:
    path = root / "mkdocs.yml"
    if not path.is_file():
        raise SettingsError(f"{path}: not found; run in a folder with mkdocs.yml or give --root DIR")
    return _read_yaml_settings(path, "mkdocs.yml")


# How deep `Written` records where keys are: extra.fanzha.<key> is three levels down.
_PLACE_DEPTH = 3


def _read_yaml_settings(path: Path, name: str) -> tuple[dict[str, Any], dict[tuple[str, ...], Place]]:
    """A YAML settings file (mkdocs.yml or a file it inherits from) as a mapping, and where its keys
    are written (down to _PLACE_DEPTH levels); `name` in messages and places."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = exc.object[:exc.start].count(b"\n") + 1
        raise SettingsError(f"{name}:{line}: expected UTF-8 text, found byte 0x{exc.object[exc.start]:02X}; "
                            "save the file as UTF-8") from None
    except OSError as exc:
        raise SettingsError(f"{name}: cannot be read: {exc.strerror or exc}") from None
    deep = _too_deep(text)
    if deep is not None:
        mark, message = deep
        raise SettingsError(f"{name}:{mark.line + 1}:{mark.column + 1}: {message}" if mark else f"{name}: {message}")
    loader: _LenientLoader | None = None
    try:
        loader = _LenientLoader(text)  # PyYAML's reader refuses control characters here, on construction
        node = loader.get_single_node()  # what yaml.load does, keeping the nodes for the places
        data = loader.construct_document(node) if node is not None else None
    except _BadValue as exc:
        node, mark = exc.node, exc.node.start_mark
        what = repr(node.value)[:60] if isinstance(node, yaml.ScalarNode) else "this value"
        raise SettingsError(f"{name}:{mark.line + 1}:{mark.column + 1}: {what} cannot be read as "
                            f"{str(node.tag).rsplit(':', 1)[-1]}{f' ({exc})' if str(exc) else ''}; quote it if it is text") from None
    except yaml.reader.ReaderError as exc:
        what = f"character U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
        raise SettingsError(f"{name}:{_mark_at(text, exc.position)}: {what} is not allowed in YAML "
                            "(a control character?); remove it") from None
    except RecursionError:
        raise SettingsError(f"{name}: lists, mappings or aliases are nested too deep to read; "
                            "settings need only a few levels") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        raise SettingsError(f"{where}: YAML syntax error: {(exc.problem or exc.context or 'cannot be read').strip()}") from None
    except yaml.YAMLError as exc:
        raise SettingsError(f"{name}: cannot be read: {' '.join(str(exc).split())}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict):
        raise SettingsError(f"{name}: expected a mapping of settings")
    places: dict[tuple[str, ...], Place] = {}
    _places(node, (), name, places)
    return data, places


def _places(node: Any, path: tuple[str, ...], name: str, out: dict[tuple[str, ...], Place]) -> None:
    """Where each key of a mapping node (and of the mappings in it) is written; a key written
    twice is where its value comes from, the last one."""
    if not isinstance(node, yaml.MappingNode) or len(path) >= _PLACE_DEPTH:
        return
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        here = (*path, str(key.value))
        out[here] = Place(name, key.start_mark.line + 1, key.start_mark.column + 1)
        _places(value, here, name, out)


# MkDocs takes these as lists of file names and fails with a TypeError on anything else.
_FILE_LISTS = ("extra_css", "extra_javascript", "extra_templates", "watch")
MAX_INHERIT = 10


def _check_for_mkdocs(data: dict[str, Any], name: str) -> None:
    """Values MkDocs itself would stop on with an internal error rather than a message."""
    for key in _FILE_LISTS:
        value = data.get(key)
        if value is None:
            continue
        ok = isinstance(value, list) and all(
            isinstance(v, str) or (key == "extra_javascript" and isinstance(v, dict)) for v in value)
        if not ok:
            raise SettingsError(f"{name}: {key}: expected a list of file names, found {repr(value)[:60]}")


def _check_inherit(root: Path, data: dict[str, Any], places: dict[tuple[str, ...], Place]) -> None:
    """INHERIT names a settings file that exists and is a mapping, without a loop; the places of
    the keys each inherited file writes are added to `places` (the nearer file's first)."""
    here, name, seen = root / "mkdocs.yml", "mkdocs.yml", {(root / "mkdocs.yml").resolve()}
    while (inherit := data.get("INHERIT")) is not None:
        if not isinstance(inherit, str) or not inherit.strip():
            raise SettingsError(f"{name}: INHERIT: expected the name of a YAML settings file, found {repr(inherit)[:60]}")
        shown = inherit if len(inherit) <= 80 else inherit[:77] + "..."
        try:
            path = (here.parent / inherit).resolve()
            found = path.is_file()
        except (OSError, ValueError):  # a NUL character, a name too long
            path, found = here, False
        if found and (path in seen or len(seen) > MAX_INHERIT):
            raise SettingsError(f"{name}: INHERIT: {shown} leads back to a file already inherited (a loop); remove it")
        if not found:
            raise SettingsError(f"{name}: INHERIT: {shown}: no such file")
        seen.add(path)
        here, name = path, shown
        data, found_places = _read_yaml_settings(path, inherit)
        _check_for_mkdocs(data, name)
        for key, place in found_places.items():
            places.setdefault(key, place)


def load_settings(root: Path) -> Settings:
    """Settings for the root folder from its mkdocs.yml: the one time a run reads it
    (MkDocs reads it again for itself when it builds)."""
    data, places = _read_mkdocs_yml(root)
    _check_for_mkdocs(data, "mkdocs.yml")
    _check_inherit(root, data, places)
    extra = data.get("extra") or {}
    if not isinstance(extra, dict):
        raise SettingsError("mkdocs.yml: extra: expected a mapping")
    return settings_from_mapping(extra.get("fanzha"), data.get("site_name", ""), data.get("site_url", ""),
                                 docs_dir=data.get("docs_dir"), site_dir=data.get("site_dir"),
                                 use_directory_urls=data.get("use_directory_urls", True),
                                 written=Written(places))


def where_written(root: Path) -> Written:
    """Where mkdocs.yml and the files it inherits from write each setting, for settings made
    from MkDocs' own reading of them (`mkdocs build`); an unreadable file gives no places."""
    try:
        data, places = _read_mkdocs_yml(root)
    except SettingsError:
        return Written()
    with contextlib.suppress(SettingsError):  # MkDocs has read them; one fanzha cannot gives no places
        _check_inherit(root, data, places)  # adds the places of each file it reads
    return Written(places)
