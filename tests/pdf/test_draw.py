"""Drawing and shuffling questions: pure, seeded, answers remapped."""
from __future__ import annotations

import random

import pytest

from build_tools import core
from build_tools.model import LETTERS
from build_tools.pdf.draw import DrawError, Quota, arrange, draw, even_quotas

from .conftest import FIXTURE


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return core.validate(FIXTURE).kb


def test_same_seed_same_paper(kb) -> None:  # type: ignore[no-untyped-def]
    pool = list(kb.questions(include_exam=True))
    quotas = [Quota("shuadan", 4), Quota("gongjianfa", 3)]
    first = arrange(draw(pool, quotas, 11), 11, "A")
    random.seed(12345)  # the global generator must not matter
    again = arrange(draw(list(reversed(pool)), quotas, 11), 11, "A")
    assert first == again


def test_versions_differ_in_order_not_in_questions(kb) -> None:  # type: ignore[no-untyped-def]
    questions = draw(list(kb.questions()), [Quota("shuadan", 5), Quota("gongjianfa", 4)], 3)
    a, b = arrange(questions, 3, "A"), arrange(questions, 3, "B")
    ids = lambda v: [pq.question.id for pq in v.questions]  # noqa: E731
    assert sorted(ids(a)) == sorted(ids(b))
    assert ids(a) != ids(b) or [pq.order for pq in a.questions] != [pq.order for pq in b.questions]


def test_other_seed_other_draw(kb) -> None:  # type: ignore[no-untyped-def]
    pool = list(kb.questions(include_exam=True))
    draws = {tuple(sorted(q.id for q in draw(pool, [Quota("shuadan", 3)], seed))) for seed in range(8)}
    assert len(draws) > 1


def test_answers_follow_the_shuffled_options(kb) -> None:  # type: ignore[no-untyped-def]
    questions = list(kb.questions(include_exam=True))
    for version in "ABCDEFG":
        for pq in arrange(questions, 99, version).questions:
            q = pq.question
            if q.kind == "judge":
                assert pq.answer == ("√" if q.answer else "×")
                continue
            shown_right = {pq.options[i] for i in pq.answer_indexes}
            assert shown_right == {q.options[i] for i in q.answer}  # type: ignore[union-attr]
            assert pq.answer == "".join(LETTERS[i] for i in pq.answer_indexes)
            assert sorted(pq.options) == sorted(q.options)


def test_sections_in_kind_order_numbered_from_one(kb) -> None:  # type: ignore[no-untyped-def]
    version = arrange(list(kb.questions(include_exam=True)), 1, "A")
    assert [s.kind for s in version.sections] == ["single", "multiple", "judge"]
    assert [pq.number for pq in version.questions] == list(range(1, len(version.questions) + 1))


def test_quota_by_kind_and_any_kind(kb) -> None:  # type: ignore[no-untyped-def]
    pool = list(kb.questions(include_exam=True))
    got = draw(pool, [Quota("shuadan", 2), Quota("shuadan", 2, "judge")], 5)
    assert len({q.id for q in got}) == 4
    assert sum(q.kind == "judge" for q in got) >= 2


def test_unsatisfiable_quota_says_what_is_missing(kb) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DrawError, match=r"quota shuadan.judge=3: asks for 3 判断题 questions of type shuadan, "
                                         r"but only 2 are available"):
        draw(list(kb.questions(include_exam=True)), [Quota("shuadan", 3, "judge")], 1)


def test_even_quotas_spread_over_types(kb) -> None:  # type: ignore[no-untyped-def]
    pool = list(kb.questions())  # publishable: 6 shuadan, 5 gongjianfa
    assert even_quotas(pool, ["shuadan", "gongjianfa"], 7) == [Quota("shuadan", 4), Quota("gongjianfa", 3)]
    assert even_quotas(pool, ["gongjianfa", "shuadan"], 11) == [Quota("gongjianfa", 5), Quota("shuadan", 6)]
    with pytest.raises(DrawError):
        even_quotas(pool, ["shuadan", "gongjianfa"], 12)
