"""Drawing and shuffling questions: pure, seeded, answers remapped."""
from __future__ import annotations

import random

import pytest

from build_tools import core
from build_tools.model import LETTERS, Question
from build_tools.pdf.draw import DrawError, Quota, arrange, draw, even_quotas, fixed_places, key_letter_counts

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


# balanced option orders: a property over many seeds and bank shapes ------------------------

def _question(qid: str, kind: str, n: int, correct: tuple[int, ...] | bool, options: list[str] | None = None) -> Question:
    if kind == "judge":
        return Question(id=qid, kind="judge", stem=f"{qid} 题干", options=[], answer=bool(correct),
                        explanation="解析", bank="b", type="t")
    return Question(id=qid, kind=kind, stem=f"{qid} 题干", options=options or [f"{qid} 选项{j}" for j in range(n)],
                    answer=tuple(sorted(correct)), explanation="解析", bank="b", type="t")  # type: ignore[arg-type]


def _bank(rng: random.Random) -> list[Question]:
    """A random bank shape: singles with equal or mixed option counts, multiples, judges."""
    same = rng.random() < 0.5
    n_single = rng.choice([rng.randint(0, 4), rng.randint(5, 25)])
    counts = [rng.randint(2, 8)] * n_single if same else [rng.randint(2, 6) for _ in range(n_single)]
    out = [_question(f"s{i:02d}", "single", n, (rng.randrange(n),)) for i, n in enumerate(counts)]
    shape = (rng.randint(3, 6),)
    for i in range(rng.randint(0, 8)):
        n = shape[0] if same else rng.randint(3, 6)
        out.append(_question(f"m{i:02d}", "multiple", n, tuple(rng.sample(range(n), rng.randint(2, n - 1)))))
    out += [_question(f"j{i:02d}", "judge", 0, rng.random() < 0.5) for i in range(rng.randint(0, 4))]
    return out


def _best_max(option_counts: list[int]) -> int:
    """The fewest keys the busiest letter can hold: questions with k options or fewer share k letters."""
    return max((-(-sum(n <= k for n in option_counts) // k) for k in set(option_counts)), default=0)


def test_key_letters_are_balanced_on_every_version() -> None:
    differ = comparable = 0
    for trial in range(400):
        questions = _bank(random.Random(trial))
        versions = [arrange(questions, trial, name) for name in ("A", "B", "C")]
        assert arrange(questions, trial, "B") == versions[1]  # deterministic from (seed, version)
        for version in versions:
            placed = version.questions
            for pq in placed:  # every shown key points to the source's correct option text
                q = pq.question
                if q.kind == "judge":
                    assert pq.order == () and pq.answer == ("√" if q.answer else "×")
                    continue
                assert sorted(pq.options) == sorted(q.options)
                assert {pq.options[i] for i in pq.answer_indexes} == {q.options[i] for i in q.answer}  # type: ignore[union-attr]
            singles = [pq for pq in placed if pq.question.kind == "single"]
            counts = key_letter_counts(placed)
            option_counts = [len(pq.order) for pq in singles]
            assert max(counts.values(), default=0) == _best_max(option_counts), (trial, version.name, counts)
            if singles and len(set(option_counts)) == 1:
                assert max(counts.values()) - min(counts.values()) <= 1, (trial, counts)
            if len(singles) >= 5 and min(option_counts) >= 4:
                assert max(counts.values()) <= 0.4 * len(singles), (trial, counts)
            multiples = [pq for pq in placed if pq.question.kind == "multiple"]
            shapes = {(len(pq.order), len(pq.answer)) for pq in multiples}
            keyed = key_letter_counts(placed, "multiple")
            if len(shapes) == 1:  # every multiple question alike: keyed letters within one of each other
                assert max(keyed.values()) - min(keyed.values()) <= 1, (trial, keyed)
                n, k = shapes.pop()
                if len(multiples) * (n - k) >= n:  # enough left-out places for every letter to be left out once
                    assert max(keyed.values()) < len(multiples), (trial, keyed)  # no letter in every key
        choice = [q for q in questions if q.kind != "judge" and len(q.options) >= 3]
        if len(choice) >= 4:
            comparable += 1
            orders = [[(pq.question.id, pq.order) for pq in v.questions] for v in versions]
            differ += orders[0] != orders[1] and orders[1] != orders[2] and orders[0] != orders[2]
    assert comparable > 200 and differ == comparable


def test_ten_singles_never_put_five_keys_on_one_letter(kb) -> None:  # type: ignore[no-untyped-def]
    """The fixture's questions, every key on B in the bank file: each paper spreads them."""
    rigged = [_question(f"r{i}", "single", 4, (1,)) for i in range(10)]
    for seed in range(50):
        for name in "AB":
            counts = key_letter_counts(arrange(rigged, seed, name).questions)
            assert sorted(counts.values()) == [2, 2, 3, 3], counts
    version = arrange(list(kb.questions(include_exam=True)), 7, "A")
    singles = sum(pq.question.kind == "single" for pq in version.questions)
    assert max(key_letter_counts(version.questions).values()) <= max(2, 0.4 * singles)


def test_options_that_depend_on_their_place_stay_there() -> None:
    above = _question("p1", "single", 4, (3,), ["甲", "乙", "丙", "以上都对"])
    above_wrong = _question("p2", "single", 4, (0,), ["甲", "乙", "丙", "以上都不对"])
    named = _question("p3", "multiple", 4, (0, 1), ["甲", "乙", "丙", "A和B都对"])
    named_fullwidth = _question("p4", "single", 3, (2,), ["甲", "乙", "Ａ、Ｂ都不对"])
    others = [_question(f"o{i}", "single", 4, (0,)) for i in range(6)]
    for seed in range(30):
        orders = {pq.question.id: pq.order for pq in arrange([above, above_wrong, named, named_fullwidth, *others],
                                                            seed, "A").questions}
        assert orders["p1"][3] == 3 and orders["p2"][3] == 3
        assert orders["p3"] == (0, 1, 2, 3) and orders["p4"] == (0, 1, 2)
    assert fixed_places(above) == (3,) and fixed_places(named) == (0, 1, 2, 3)
    assert fixed_places(_question("x", "single", 4, (0,))) == ()
