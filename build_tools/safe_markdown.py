"""Content Markdown made safe to render: an allow-list applied to the HTML it becomes.

Case bodies and kit text fields are written by content teams and may come from
anywhere (another college, a pasted web page); they are Markdown, never HTML.
Setting values (mkdocs.yml extra.fanzha) are text, never Markdown.

Two layers:

- before rendering, raw HTML shows as text (`<` → `&lt;`) and placeholder values
  are filled as text (HTML-escaped, Markdown punctuation as character references);
- after rendering, with placeholders filled, `sanitise()` keeps only the elements,
  attributes and URL schemes Markdown needs (nh3, a maintained sanitiser): no
  `on*` attribute, no `style` but a table cell's alignment, links only relative,
  http(s), tel: and mailto:, images only relative (same site).

Every way content Markdown becomes HTML goes through here: the site's case bodies
(`mark_content()` in the page source, `sanitise_marked()` on the rendered page),
the kits' PDF text (`render_safe()`), and the settings filled into any page
(`fill_text()`).
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable

import markdown as _markdown
import nh3
from markupsafe import Markup

from . import placeholders

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del", "ins",
    "mark", "small", "sub", "sup", "code", "pre", "kbd", "samp", "var", "blockquote", "q", "cite", "abbr",
    "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
    "caption", "div", "span", "details", "summary", "figure", "figcaption",
}
_COMMON = {"class", "id", "title", "lang"}
ATTRIBUTES = {
    "*": _COMMON,
    "a": _COMMON | {"href"},
    "img": _COMMON | {"src", "alt", "width", "height"},
    "th": _COMMON | {"align", "style", "colspan", "rowspan"},
    "td": _COMMON | {"align", "style", "colspan", "rowspan"},
    "ol": _COMMON | {"start", "type", "reversed"},
    "li": _COMMON | {"value"},
    "details": _COMMON | {"open"},
}
URL_SCHEMES = {"http", "https", "tel", "mailto"}
STYLE_PROPERTIES = {"text-align"}

# A URL's scheme as a browser reads it: entities decoded, tabs/newlines and controls dropped.
_CONTROLS = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
SCRIPT_SCHEMES = ("javascript", "vbscript", "data")

MARK_START = "<!-- fanzha:content -->"
MARK_END = "<!-- fanzha:content-end -->"
_MARKED = re.compile(re.escape(MARK_START) + r"(.*?)" + re.escape(MARK_END), re.S)
# Markdown punctuation in a setting value, as character references so the value stays text
_MD_PUNCT = re.compile(r"([\\`*_{}\[\]!#|~])")


def url_scheme(url: str) -> str:
    """The scheme a browser sees in `url` (lower case), '' for a relative URL."""
    plain = _CONTROLS.sub("", html.unescape(html.unescape(url)))
    match = _SCHEME.match(plain)
    return match.group(1).lower() if match else ""


def is_script_url(url: str) -> bool:
    """javascript:, vbscript: or data:, however spelled (entities, tabs, case)."""
    return url_scheme(url) in SCRIPT_SCHEMES


def is_external(url: str) -> bool:
    """A URL that leaves the site: any scheme, or protocol-relative (//host/…)."""
    plain = _CONTROLS.sub("", html.unescape(url)).replace("\\", "/")
    return bool(url_scheme(url)) or plain.startswith("//")


def _attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute in ("href", "src"):
        if is_script_url(value):
            return None
        if element == "img" and is_external(value):
            return None
    return value


def sanitise(fragment: str) -> str:
    """HTML from content Markdown, with only the allowed elements, attributes and URLs kept."""
    return nh3.clean(fragment, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     attribute_filter=_attribute, filter_style_properties=STYLE_PROPERTIES,
                     link_rel=None, strip_comments=True)


def neutralise(text: str) -> str:
    """Markdown whose raw HTML renders as text (its links are left to sanitise())."""
    return text.replace("<", "&lt;")


def text_value(value: str) -> str:
    """A setting value as text in Markdown or HTML: HTML-escaped (quotes too), and Markdown punctuation
    as character references, so it is no link, emphasis or `{: attribute }` and shows no backslash
    in a raw HTML block either."""
    return _MD_PUNCT.sub(lambda m: f"&#{ord(m.group(1))};", html.escape(value, quote=True))


def fill_text(markdown: str, college: dict[str, str], links: bool = True) -> str:
    """Placeholders (outside code) filled with the settings as text; UnknownPlaceholder names a bad one.

    `{{ call.X }}` becomes a call button (`links`, on the site) or the value as text (PDFs)."""
    if "{{" not in markdown:
        return markdown
    values = {key: text_value(str(value)) for key, value in college.items()}

    def one(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            placeholders.fill(match.group(0), college)  # raises UnknownPlaceholder with the known names
        return values[match.group(1)]

    def call(match: re.Match[str]) -> str:
        value = placeholders.call_value(match.group(1), college)  # raises UnknownPlaceholder
        return call_button(value) if links else text_value(value)

    parts = placeholders.CODE.split(markdown)
    for i in range(0, len(parts), 2):  # even parts are outside code
        parts[i] = placeholders.PLACEHOLDER.sub(one, parts[i])
        parts[i] = placeholders.CALL.sub(call, parts[i])
    return "".join(parts)


def call_button(value: str) -> str:
    """A button that dials the number in a setting's value: the address built only from its digits,
    '+', '-' and ','; the label is the value as text. No number to dial: the text alone."""
    number = placeholders.dial(value)
    if number is None:
        return text_value(value)
    return f'<a class="fz-call" href="tel:{number}">{text_value(value)}</a>'


def mark_content(markdown: str) -> Markup:
    """Content Markdown for a generated page: raw HTML as text, between the markers sanitise_marked() finds.

    The markers are HTML comments; content cannot write one (its `<` is neutralised)."""
    return Markup(f"{MARK_START}\n\n{neutralise(markdown)}\n\n{MARK_END}")


def sanitise_marked(page_html: str) -> str:
    """A rendered page with each marked content region sanitised, and the markers gone.

    A marker left unpaired (it cannot be, but) drops everything after it."""
    out = _MARKED.sub(lambda m: sanitise(m.group(1)), page_html)
    if MARK_START in out:
        out = out.split(MARK_START, 1)[0]
    return out.replace(MARK_END, "")


def render_safe(markdown: str, college: dict[str, str], extensions: Iterable[str] = ()) -> Markup:
    """Content Markdown → allowed HTML: placeholders filled as text, raw HTML as text, sanitised."""
    body = _markdown.markdown(neutralise(fill_text(markdown, college, links=False)), extensions=list(extensions),
                              output_format="html")
    return Markup(sanitise(body))
