"""Moodle XML, parsed with lxml and matched to the banks question by question."""
from __future__ import annotations

from lxml import etree

from build_tools.exchange import moodle
from build_tools.exchange.selection import Selection
from build_tools.model import Question

# Moodle's list of grades (question/engine/bank.php, fraction_options_full): an imported
# fraction must be within 0.00001 of one of these or the import fails.
MOODLE_GRADES = [1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0]
MOODLE_GRADES += [-g for g in MOODLE_GRADES if g]


def parse(selection: Selection) -> etree._Element:
    data = moodle.export(selection).data
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))


def as_xml_reads(text: str) -> str:
    """A CR inside CDATA reads back as a line feed (XML's line-end normalisation)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_question(el: etree._Element, q: Question) -> None:
    assert el.findtext("name/text") == q.id
    assert el.findtext("idnumber") == q.id
    assert el.findtext("questiontext/text") == as_xml_reads(q.stem)
    assert el.find("questiontext").get("format") == "plain_text"
    assert el.findtext("generalfeedback/text") == as_xml_reads(q.explanation)
    answers = el.findall("answer")
    fractions = [float(a.get("fraction")) / 100 for a in answers]
    assert all(any(abs(f - g) < 0.00001 for g in MOODLE_GRADES) for f in fractions), fractions
    if q.kind == "judge":
        assert el.get("type") == "truefalse"
        by_word = {a.findtext("text"): float(a.get("fraction")) for a in answers}
        assert by_word == ({"true": 100.0, "false": 0.0} if q.answer else {"true": 0.0, "false": 100.0})
        return
    assert el.get("type") == "multichoice"
    assert el.findtext("single") == ("true" if q.kind == "single" else "false")
    assert [a.findtext("text") for a in answers] == [as_xml_reads(o) for o in q.options]
    assert tuple(i for i, f in enumerate(fractions) if f > 0) == q.correct_indexes
    assert round(sum(f for f in fractions if f > 0), 2) == 1.0  # Moodle's own check, rounded to 2 places
    if q.kind == "multiple":
        assert all(f == -1.0 for f in fractions if f <= 0)  # a wrong choice loses the question


def check_document(root: etree._Element, selection: Selection) -> None:
    assert root.tag == "quiz"
    questions = iter(root)
    for part in selection.parts:
        category = next(questions)
        assert category.get("type") == "category"
        assert category.findtext("category/text") == moodle.category_path(selection.site_name, part.bank.title)
        for q in part.questions:
            check_question(next(questions), q)
    assert next(questions, None) is None


def test_default_banks_match_question_by_question(everything: Selection) -> None:
    check_document(parse(everything), everything)


def test_hostile_text_survives_exactly(hostile: Selection) -> None:
    root = parse(hostile)
    check_document(root, hostile)
    assert root[0].findtext("category/text") == '$course$/top/反诈知识库/刷单//返利 <测试> & "引号"'


def test_fractions_for_each_number_of_correct_options(hostile: Selection) -> None:
    by_id = {q.id: q for q in hostile.questions}
    assert moodle.fractions(by_id["hostile-006"]) == ["14.28571"] * 7 + ["-100"]
    assert moodle.fractions(by_id["hostile-007"]) == ["33.33333", "-100", "33.33333", "33.33333"]
    assert moodle.fractions(by_id["hostile-005"]) == ["0"] * 7 + ["100"]


def as_moodle_reads(data: bytes) -> list[str]:
    """Every <text> as Moodle's importer reads it: PHP's xml parser with XML_OPTION_SKIP_WHITE
    (lib/xmlize.php) hands character data over in pieces split at each entity and drops the
    pieces that are only white space; a CDATA section is one piece, kept whole. expat splits
    at entities the same way (and at line ends too, which PHP does not: those are kept)."""
    from xml.parsers import expat

    texts: list[str] = []
    pieces: list[str] | None = None
    in_cdata = False

    def start(name: str, attrs: dict) -> None:
        nonlocal pieces
        if name == "text":
            pieces = []

    def end(name: str) -> None:
        nonlocal pieces
        if name == "text" and pieces is not None:
            texts.append("".join(pieces))
            pieces = None

    def cdata(flag: bool) -> None:
        nonlocal in_cdata
        in_cdata = flag

    def chars(data: str) -> None:
        if pieces is not None and (in_cdata or data.strip() or data == "\n"):
            pieces.append(data)

    parser = expat.ParserCreate("UTF-8")
    parser.buffer_text = False
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, chars
    parser.StartCdataSectionHandler = lambda: cdata(True)
    parser.EndCdataSectionHandler = lambda: cdata(False)
    parser.Parse(data, True)
    return texts


def test_the_model_of_moodles_reader_loses_spaces_between_entities() -> None:
    # why CDATA: the same text escaped loses its spaces in Moodle's importer
    assert as_moodle_reads("<q><text>利率 &lt; 24% &amp; &gt; 36%</text></q>".encode()) == ["利率 < 24% &> 36%"]


def test_text_with_special_characters_reads_back_whole_in_moodle(hostile: Selection) -> None:
    q = hostile.questions[0]
    tricky = ["利率 < 24% & > 36%", "a ]]> b & c", 'say "hi"', "< >", "&amp; &lt;"]
    for text in tricky:
        one = Question(**{**q.__dict__, "stem": text, "explanation": text})
        sel = Selection([type(hostile.parts[0])(hostile.parts[0].bank, (one,))], hostile.type_names)
        data = moodle.export(sel).data
        texts = as_moodle_reads(data)
        assert texts.count(text) == 2, (text, texts)
        etree.fromstring(data)  # still well-formed


def test_every_text_reads_back_in_moodle(hostile: Selection, everything: Selection) -> None:
    for selection in (hostile, everything):
        texts = as_moodle_reads(moodle.export(selection).data)
        for q in selection.questions:
            assert q.stem.strip() in texts and q.explanation.strip() in texts, q.id


def test_special_characters_are_in_cdata_not_markup(hostile: Selection) -> None:
    data = moodle.export(hostile).data.decode("utf-8")
    assert '<![CDATA[第一行 <script>alert("x")</script> &amp; &lt;' in data
    assert "<script>" not in data.replace("<![CDATA[第一行 <script>", "")
