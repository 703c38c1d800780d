"""A structural check of QTI 2.1 items and IMS content packages, written from the specification.

No package on PyPI ships the QTI 2.1 XML schema (imsqti_v2p1.xsd), so this checks by
hand what that schema and the QTI 2.1 information model require of the parts we use:
element order in assessmentItem, required attributes and their value types, identifiers
that are XML NCNames and unique, references that resolve (response/outcome identifiers,
correct values to choices), cardinality agreeing with maxChoices, and only text and <br/>
inside prompt, simpleChoice and modalFeedback. It returns a list of problems (empty = ok).
"""
from __future__ import annotations

import re

from lxml import etree

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
# assessmentItem's content model (QTI 2.1 XSD, assessmentItem.Type): a sequence, in this order
ITEM_ORDER = ["responseDeclaration", "outcomeDeclaration", "templateDeclaration", "templateProcessing",
              "stylesheet", "itemBody", "responseProcessing", "modalFeedback"]
ONCE = {"templateProcessing", "itemBody", "responseProcessing"}
CARDINALITIES = {"single", "multiple", "ordered", "record"}
BASE_TYPES = {"identifier", "boolean", "integer", "float", "string", "point", "pair", "directedPair",
              "duration", "file", "uri", "intOrIdentifier"}
BOOLEANS = {"true", "false"}
INLINE_ONLY = {"prompt", "simpleChoice", "modalFeedback"}  # we put only text and <br/> in these


def local(el: etree._Element) -> str:
    return etree.QName(el).localname


def check_item(root: etree._Element) -> list[str]:
    problems: list[str] = []
    bad = problems.append
    if root.tag != f"{{{QTI}}}assessmentItem":
        return [f"root is {root.tag}, expected assessmentItem in {QTI}"]
    for attr in ("identifier", "title", "adaptive", "timeDependent"):
        if not root.get(attr):
            bad(f"assessmentItem: missing required attribute {attr}")
    if not NCNAME.match(root.get("identifier", "")):
        bad(f"assessmentItem identifier {root.get('identifier')!r} is not an NCName")
    for attr in ("adaptive", "timeDependent"):
        if root.get(attr) not in BOOLEANS:
            bad(f"assessmentItem {attr} must be true or false")
    _order(root, bad)
    responses = _declarations(root, "responseDeclaration", bad)
    outcomes = _declarations(root, "outcomeDeclaration", bad)
    _interactions(root, responses, bad)
    _processing(root, responses, outcomes, bad)
    _feedback(root, outcomes, bad)
    _inline_content(root, bad)
    return problems


def _order(root: etree._Element, bad) -> None:  # type: ignore[no-untyped-def]
    names = [local(c) for c in root if isinstance(c.tag, str)]
    unknown = [n for n in names if n not in ITEM_ORDER]
    if unknown:
        bad(f"assessmentItem: unexpected children {unknown}")
    ranks = [ITEM_ORDER.index(n) for n in names if n in ITEM_ORDER]
    if ranks != sorted(ranks):
        bad(f"assessmentItem: children out of the schema's order: {names}")
    for name in ONCE:
        if names.count(name) > 1:
            bad(f"assessmentItem: {name} appears {names.count(name)} times (at most once)")


def _declarations(root: etree._Element, tag: str, bad) -> dict[str, etree._Element]:  # type: ignore[no-untyped-def]
    found: dict[str, etree._Element] = {}
    for decl in root.findall(f"{{{QTI}}}{tag}"):
        ident = decl.get("identifier", "")
        if not NCNAME.match(ident):
            bad(f"{tag}: identifier {ident!r} is not an NCName")
        if ident in found:
            bad(f"{tag}: identifier {ident} declared twice")
        if decl.get("cardinality") not in CARDINALITIES:
            bad(f"{tag} {ident}: cardinality {decl.get('cardinality')!r}")
        if decl.get("baseType") not in BASE_TYPES:
            bad(f"{tag} {ident}: baseType {decl.get('baseType')!r}")
        values = decl.findall(f"{{{QTI}}}correctResponse/{{{QTI}}}value")
        if decl.get("cardinality") == "single" and len(values) > 1:
            bad(f"{tag} {ident}: single cardinality with {len(values)} correct values")
        found[ident] = decl
    return found


def _interactions(root: etree._Element, responses: dict[str, etree._Element], bad) -> None:  # type: ignore[no-untyped-def]
    for inter in root.iter(f"{{{QTI}}}choiceInteraction"):
        rid = inter.get("responseIdentifier")
        decl = responses.get(rid or "")
        if decl is None:
            bad(f"choiceInteraction: responseIdentifier {rid!r} is not a declared response")
            continue
        if inter.get("shuffle") not in BOOLEANS:
            bad("choiceInteraction: shuffle must be true or false")
        max_choices = inter.get("maxChoices", "")
        if not max_choices.isdigit():
            bad(f"choiceInteraction: maxChoices {max_choices!r} is not a non-negative integer")
        if (decl.get("cardinality") == "single") != (max_choices == "1"):
            bad(f"choiceInteraction: maxChoices {max_choices} does not fit cardinality {decl.get('cardinality')}")
        children = [local(c) for c in inter if isinstance(c.tag, str)]
        if "prompt" in children and children.index("prompt") != 0:
            bad("choiceInteraction: prompt must come first")
        choices = [c.get("identifier") for c in inter.findall(f"{{{QTI}}}simpleChoice")]
        if not choices or len(set(choices)) != len(choices) or not all(NCNAME.match(c or "") for c in choices):
            bad(f"choiceInteraction: choice identifiers {choices} must be unique NCNames")
        for value in decl.findall(f"{{{QTI}}}correctResponse/{{{QTI}}}value"):
            if value.text not in choices:
                bad(f"correctResponse value {value.text!r} is not a choice of {rid}")


def _processing(root, responses, outcomes, bad) -> None:  # type: ignore[no-untyped-def]
    for el in root.iter(f"{{{QTI}}}variable", f"{{{QTI}}}correct"):
        if el.get("identifier") not in responses and el.get("identifier") not in outcomes:
            bad(f"{local(el)}: {el.get('identifier')!r} is not declared")
    for el in root.iter(f"{{{QTI}}}setOutcomeValue"):
        decl = outcomes.get(el.get("identifier") or "")
        if decl is None:
            bad(f"setOutcomeValue: {el.get('identifier')!r} is not a declared outcome")
            continue
        value = el.find(f"{{{QTI}}}baseValue")
        if value is None or value.get("baseType") != decl.get("baseType"):
            bad(f"setOutcomeValue {el.get('identifier')}: baseValue type does not match the declaration")


def _feedback(root, outcomes, bad) -> None:  # type: ignore[no-untyped-def]
    for fb in root.findall(f"{{{QTI}}}modalFeedback"):
        decl = outcomes.get(fb.get("outcomeIdentifier") or "")
        if decl is None or decl.get("baseType") != "identifier":
            bad(f"modalFeedback: outcomeIdentifier {fb.get('outcomeIdentifier')!r} is not an identifier outcome")
        if fb.get("showHide") not in ("show", "hide") or not NCNAME.match(fb.get("identifier") or ""):
            bad("modalFeedback: needs identifier (NCName) and showHide show|hide")


def _inline_content(root, bad) -> None:  # type: ignore[no-untyped-def]
    for tag in INLINE_ONLY:
        for el in root.iter(f"{{{QTI}}}{tag}"):
            for child in el:
                if child.tag != f"{{{QTI}}}br":
                    bad(f"{tag}: unexpected element {child.tag}")


def check_manifest(root: etree._Element, names: set[str]) -> list[str]:
    problems = []
    if root.tag != f"{{{CP}}}manifest" or not root.get("identifier"):
        problems.append("manifest: root must be imscp manifest with an identifier")
    order = [local(c) for c in root if isinstance(c.tag, str)]
    if order != ["metadata", "organizations", "resources"]:
        problems.append(f"manifest: children {order}, expected metadata, organizations, resources")
    if root.findtext(f"{{{CP}}}metadata/{{{CP}}}schema") != "QTIv2.1 Package":
        problems.append("manifest: metadata/schema must be 'QTIv2.1 Package'")
    seen = set()
    for res in root.iter(f"{{{CP}}}resource"):
        if res.get("identifier") in seen:
            problems.append(f"resource {res.get('identifier')}: identifier used twice")
        seen.add(res.get("identifier"))
        files = [f.get("href") for f in res.findall(f"{{{CP}}}file")]
        if res.get("type") != "imsqti_item_xmlv2p1" or res.get("href") not in files:
            problems.append(f"resource {res.get('identifier')}: type/href/file do not agree")
        problems += [f"resource {res.get('identifier')}: {f} is not in the package" for f in files if f not in names]
    return problems
