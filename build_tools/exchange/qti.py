"""IMS QTI 2.1 content package: a zip of `imsmanifest.xml` and one assessmentItem per question.

Each item (items/<id>.xml) has
- `responseDeclaration RESPONSE` (cardinality single, or multiple for 多选题; baseType
  identifier) with the correct option identifiers in `correctResponse`;
- outcomes SCORE (float, 0 or 1), MAXSCORE (1) and FEEDBACK (identifier);
- an itemBody with one `choiceInteraction` (maxChoices 1, or 0 = no limit for 多选题):
  the stem as its `prompt`, one `simpleChoice` per option (identifiers A, B, …; a judge
  question has A 正确 and B 错误);
- responseProcessing: SCORE 1 when the response matches the correct response exactly,
  else 0, and FEEDBACK set to EXPLANATION so that
- the explanation is shown as `modalFeedback` after every attempt.

Line breaks in text become <br/>. The manifest lists every item as a resource of type
imsqti_item_xmlv2p1, in bank order. The zip's entries have fixed dates, so the same
questions give the same bytes.
"""
from __future__ import annotations

import re

from lxml import etree

from ..model import LETTERS, Question
from ._zip import deterministic_zip
from .selection import Exported, Selection

EXTENSION = ".zip"
QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ITEM_TYPE = "imsqti_item_xmlv2p1"
_NCNAME_START = re.compile(r"^[A-Za-z_]")


def identifier(question_id: str) -> str:
    """Our id as a QTI identifier (an XML NCName: it may not start with a digit)."""
    return question_id if _NCNAME_START.match(question_id) else f"q-{question_id}"


def item_path(q: Question) -> str:
    return f"items/{identifier(q.id)}.xml"


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _q(tag), **attrs)
    if text is not None:
        el.text = text
    return el


def _rich(el: etree._Element, text: str) -> etree._Element:
    """Text into an element, each line break as <br/>."""
    first, *rest = text.split("\n")
    el.text = first
    for line in rest:
        etree.SubElement(el, _q("br")).tail = line
    return el


def _title(q: Question) -> str:
    stem = " ".join(q.stem.split())
    return stem if len(stem) <= 60 else stem[:59] + "…"


def item(q: Question) -> etree._Element:
    """The assessmentItem element of one question."""
    root = etree.Element(_q("assessmentItem"), nsmap={None: QTI_NS, "xsi": XSI_NS}, attrib={
        f"{{{XSI_NS}}}schemaLocation": f"{QTI_NS} {QTI_XSD}", "identifier": identifier(q.id),
        "title": _title(q), "adaptive": "false", "timeDependent": "false", f"{{{XML_NS}}}lang": "zh-CN"})
    _declarations(root, q)
    body = _sub(root, "itemBody")
    interaction = _sub(body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="true",
                       maxChoices="0" if q.kind == "multiple" else "1")
    _rich(_sub(interaction, "prompt"), q.stem)
    for i, option in enumerate(q.shown_options):
        _rich(_sub(interaction, "simpleChoice", identifier=LETTERS[i]), option)
    _response_processing(root)
    _rich(_sub(root, "modalFeedback", outcomeIdentifier="FEEDBACK", identifier="EXPLANATION",
               showHide="show", title="解析"), q.explanation)
    return root


def _declarations(root: etree._Element, q: Question) -> None:
    response = _sub(root, "responseDeclaration", identifier="RESPONSE",
                    cardinality="multiple" if q.kind == "multiple" else "single", baseType="identifier")
    correct = _sub(response, "correctResponse")
    for i in q.correct_indexes:
        _sub(correct, "value", LETTERS[i])
    for name, default in (("SCORE", "0"), ("MAXSCORE", "1")):
        outcome = _sub(root, "outcomeDeclaration", identifier=name, cardinality="single", baseType="float")
        _sub(_sub(outcome, "defaultValue"), "value", default)
    _sub(root, "outcomeDeclaration", identifier="FEEDBACK", cardinality="single", baseType="identifier")


def _response_processing(root: etree._Element) -> None:
    rp = _sub(root, "responseProcessing")
    condition = _sub(rp, "responseCondition")
    when = _sub(condition, "responseIf")
    match = _sub(when, "match")
    _sub(match, "variable", identifier="RESPONSE")
    _sub(match, "correct", identifier="RESPONSE")
    _set(when, "SCORE", "float", "1")
    _set(_sub(condition, "responseElse"), "SCORE", "float", "0")
    _set(rp, "FEEDBACK", "identifier", "EXPLANATION")


def _set(parent: etree._Element, outcome: str, base_type: str, value: str) -> None:
    _sub(_sub(parent, "setOutcomeValue", identifier=outcome), "baseValue", value, baseType=base_type)


def manifest(questions: list[Question]) -> etree._Element:
    """imsmanifest.xml: every item a resource, in order."""
    root = etree.Element(f"{{{CP_NS}}}manifest", nsmap={None: CP_NS, "xsi": XSI_NS}, attrib={
        f"{{{XSI_NS}}}schemaLocation": f"{CP_NS} {CP_XSD}", "identifier": "fanzha-kb-questions"})
    metadata = etree.SubElement(root, f"{{{CP_NS}}}metadata")
    etree.SubElement(metadata, f"{{{CP_NS}}}schema").text = "QTIv2.1 Package"
    etree.SubElement(metadata, f"{{{CP_NS}}}schemaversion").text = "1.0.0"
    etree.SubElement(root, f"{{{CP_NS}}}organizations")
    resources = etree.SubElement(root, f"{{{CP_NS}}}resources")
    for q in questions:
        res = etree.SubElement(resources, f"{{{CP_NS}}}resource", identifier=f"res-{identifier(q.id)}",
                               type=ITEM_TYPE, href=item_path(q))
        etree.SubElement(res, f"{{{CP_NS}}}file", href=item_path(q))
    return root


def _xml(el: etree._Element) -> bytes:
    return etree.tostring(el, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export(selection: Selection) -> Exported:
    questions = selection.questions
    entries = [("imsmanifest.xml", _xml(manifest(questions)))]
    entries += [(item_path(q), _xml(item(q))) for q in questions]
    return Exported(deterministic_zip(entries), numbered=questions)  # the manifest's order
