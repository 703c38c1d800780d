"""Every problem code fanzha prints, in one place: its level, a one-line help and an example.

A `Problem`'s code says what kind of problem it is (`wrong-value`, `duplicate-id`…); its message
says where and how to fix it. Codes are declared here once, like a linter's rule list, so that
`fanzha validate --explain CODE` can describe any of them and a test can check that each code the
source emits is declared and has a golden case under tests/. `problem.error()` / `problem.warning()`
look their code up here (see `check`).

Each entry: id, level (`error`, `warning`, or `error|warning` for a code whose level depends on
where it is found, as an unknown key is an error in a question and a warning elsewhere), the
package that owns it, a one-line help, and an example line as fanzha prints it.

This module imports nothing from build_tools: every package may import it.
"""
from __future__ import annotations

import difflib
import os
import sys
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
LEVELS = (ERROR, WARNING, f"{ERROR}|{WARNING}")


@dataclass(frozen=True)
class Code:
    id: str
    level: str  # one of LEVELS
    owner: str  # the package (or top-level module) of build_tools that emits it
    help: str
    example: str

    @property
    def levels(self) -> tuple[str, ...]:
        return tuple(self.level.split("|"))


def _c(id: str, level: str, owner: str, help: str, example: str) -> Code:
    return Code(id, level, owner, help, example)


E, W, EW = ERROR, WARNING, f"{ERROR}|{WARNING}"

_ALL = [
    # --- reading files (load: any input file) ---
    _c("encoding", E, "load", "the file is not UTF-8 text (or is binary); save it as UTF-8",
       "damaged-utf8.txt:7: error encoding expected UTF-8 text, found byte 0xFF; save the file as UTF-8"),
    _c("missing-file", E, "load", "a file the command needs is not there",
       "answers/none.csv:1:1: error missing-file no such results file"),
    _c("empty-file", E, "load", "a CSV or results file has no header row or no rows",
       "answers/empty.csv:1:1: error empty-file expected a header row and one row per student, found nothing"),
    _c("yaml-syntax", E, "load", "the YAML (a .yml file or a Markdown file's front matter) cannot be parsed",
       "quizzes/shuadan.yml:9:11: error yaml-syntax YAML syntax error: did not find expected ',' or ']' (while "
       "parsing a flow sequence that starts at line 8, column 14)"),
    _c("yaml-alias", E, "load", "a YAML alias (*name) refers to itself or expands too far",
       "quizzes/loop.yml:2:8: error yaml-alias an alias refers to the collection that contains it (it would never "
       "end); write the values out"),
    _c("yaml-depth", E, "load", "lists and mappings are nested too deep to be content",
       "quizzes/deep.yml:4:111: error yaml-depth lists and mappings are nested more than 100 levels deep here; "
       "content needs only a few"),
    _c("duplicate-key", E, "load", "a mapping has the same key twice; YAML would keep only the last",
       "cases/twice.md:4:1: error duplicate-key key 'title' appears twice in one mapping (first at line 3); keep one"),
    _c("front-matter", E, "load", "a Markdown file does not start with front matter between --- lines",
       "cases/no-front.md:1:1: error front-matter expected the file to start with a '---' line opening the YAML "
       "front matter"),
    _c("missing-key", E, "load", "a required key is missing",
       "cases/shuadan-a.md:2:1: error missing-key missing required key 'sources' (资料来源)"),
    _c("unknown-key", EW, "load", "a key fanzha does not know, most often a misspelling (an error in a question, or "
       "when it looks like exam_only)",
       "cases/kefu-a.md:9:1: warning unknown-key summmary: unknown key 'summmary' is ignored; did you mean 'summary'?"),
    _c("wrong-type", E, "load", "a value of the wrong type (text where a number or a list is expected…)",
       "cases/shuadan-a.md:7:7: error wrong-type loss: expected a whole number, found text '一万元'"),
    _c("wrong-value", E, "load", "a value of the right type but not allowed (out of range, not one of the choices…)",
       "kits/meeting.yml:10:37: error wrong-value agenda[2].quiz.versions: names repeat (A, A)"),
    _c("empty-text", E, "load", "a text that must be written is empty (a case, a script, a stem, an option)",
       "letters.txt:30: error empty-text question 5: option B has no text"),
    _c("bad-date", E, "load", "a date or month that cannot be read, or that cannot be right (a case in the future)",
       "cases/shuadan-a.md:6:7: error bad-date date: expected a month YYYY-MM, found text '2025-13'"),
    _c("duplicate-id", E, "checks", "the same id (or name: a class, a semester) is given twice where each must be "
       "unique",
       "cases/shuadan-a.md:2:5: error duplicate-id duplicate case id 'shuadan-a': also defined at "
       "cases/shuadan-b.md:2:5"),
    _c("missing-value", E, "load", "a CSV cell that must be filled in is empty",
       "programme/classes.csv:5:1: error missing-value 学院: expected a value, found nothing"),
    _c("case-provenance", W, "load", "a case does not say what it is: 通报原文, 根据公开通报改编 or 编写示例",
       "cases/kefu-a.md:1:1: warning case-provenance missing key 'provenance': say what this case is, one of 通报原文, "
       "根据公开通报改编, 编写示例 (the case page tells readers)"),
    _c("empty-bank", E, "load", "a question bank has no questions",
       "quizzes/empty.yml:4:12: error empty-bank questions: expected at least one question, found an empty list"),
    _c("answer-unreadable", E, "load", "an answer that is not option letters (or 正确/错误 for a judge question)",
       "letters.txt:25: error answer-unreadable question 4: expected option letters such as B or ACD, found '甲'"),
    # --- checks over the loaded content (validate) ---
    _c("reserved-id", E, "checks", "an id the site uses for a page of its own",
       "quizzes/index.yml:1:7: error reserved-id bank id 'index' is taken by the site: quizzes/index/ would "
       "replace the page that lists all quizzes; choose another id"),
    _c("id-filename", W, "checks", "an id differs from its file's name",
       "cases/shuadan-b.md:2:5: warning id-filename id 'shuadan-a' differs from the file name 'shuadan-b'; name "
       "the file shuadan-a.md"),
    _c("unresolved-ref", E, "checks", "a reference to a fraud type, case, clip, bank or scenario that does not exist",
       "scenarios/refs.yml:27:11: error unresolved-ref endings[0].clip: no clip with id 'shuadan-60'"),
    _c("judge-options", E, "checks", "a judge (true/false) question has options",
       "quizzes/shuadan.yml:27:14: error judge-options questions[3].options: a judge question has no options (it "
       "is answered 正确/错误); remove 'options'"),
    _c("answer-range", E, "checks", "an answer letter beyond the question's options",
       "letters.txt:5: error answer-range question 1: expected letters A–C for 3 options, found D"),
    _c("answer-count", E, "checks", "the number of keyed letters does not fit the kind (one for single choice, two "
       "or more for multiple)",
       "kinds.txt:6: error answer-count question 1 is a 单选题 but its answer is AB; a 单选题 has one correct letter"),
    _c("options-count", E, "checks", "too few or too many options for the kind of question",
       "kinds.txt:21: error options-count question 4: a 多选题 has 3–8 options, found 2"),
    _c("duplicate-option", E, "checks", "two options of a question have the same text",
       "letters.txt:18: error duplicate-option question 3: option C repeats option A"),
    _c("similar-stem", W, "checks", "a stem is almost the same as another question's",
       "quizzes/shuadan.yml:5:35: warning similar-stem stem of question 's-01' is 100% like that of 'g-01' "
       "(quizzes/gongjianfa.yml:5:10); reword one or remove the duplicate"),
    _c("near-duplicate", W, "checks", "two questions (often in different banks) test the same point",
       "quizzes/gongjianfa.yml:8:10: warning near-duplicate question 'o-1' tests the same point as 't-1' "
       "(quizzes/gongjianfa.yml:9:10); a paper may draw both and one gives the other away: make them ask different "
       "things, or keep one"),
    _c("longest-key", W, "checks", "the key is the uniquely longest option (in multiple choice: every key is longer "
       "than every distractor)",
       "quizzes/kefu.yml:5:9: warning longest-key question 'kefu-001': the key B is the longest option (width 22, "
       "next longest 4), so picking the longest option scores without reading; make distractors as long and as "
       "plausible as the key"),
    _c("all-of-above", W, "checks", "an option such as 以上都对 or 都不正确",
       "quizzes/shuadan.yml:24:10: warning all-of-above question 'a-1': option D '以上都对' lets a student answer by "
       "spotting two true (or two false) options; write a real option instead"),
    _c("absolute-cue", W, "checks", "absolute words (一定, 绝对, 总是…) only in distractors",
       "quizzes/shuadan.yml:25:10: warning absolute-cue question 'c-1': absolute words appear only in distractors "
       "(B: 一定; C: 绝对), so a student can rule those out unread; reword them, or use such words in a correct option too"),
    _c("longest-key-share", E, "checks", "too many of a bank's single-choice questions have the longest option as "
       "key (over longest_key_max)",
       "quizzes/shuadan.yml:1:7: error longest-key-share bank 'shuadan': in 8 of 10 (80%) single-choice questions "
       "the key is the longest option (longest_key_max: 35 %); see the longest-key warnings"),
    _c("key-letter-share", E, "checks", "one letter is the key of too many single-choice questions (over "
       "letter_key_max)",
       "quizzes/shuadan.yml:1:7: error key-letter-share bank 'shuadan': B is the key of 8 of 10 (80%) "
       "single-choice questions (letter_key_max: 40 %; A 1, B 8, D 1); move keys to other letters"),
    _c("judge-true-share", E, "checks", "the share of judge questions answered 正确 is outside judge_true_range",
       "quizzes/shuadan.yml:1:7: error judge-true-share bank 'shuadan': 8 of 8 (100%) judge questions are answered "
       "正确 (judge_true_range: 30–70 %); a student who always answers 正确 scores well"),
    _c("all-but-one", E, "checks", "every multiple-choice question of a bank keys all options but one",
       "quizzes/shuadan.yml:1:7: error all-but-one bank 'shuadan': all 3 multiple-choice questions have every "
       "option but one correct, so picking all but the odd one out always works; vary the number correct (2 to n−1)"),
    _c("correct-count-fixed", W, "checks", "every multiple-choice question of a bank keys the same number of options",
       "quizzes/gongjianfa.yml:1:7: warning correct-count-fixed bank 'gongjianfa': all 3 multiple-choice questions "
       "have 2 correct options; vary the number correct"),
    _c("clip-length", E, "checks", "a script is much longer or shorter to say than its seconds",
       "clips/deep.md:5:10: error clip-length script takes about 1 s to say (5 characters at 240 a minute); "
       "expected 2–4 s for seconds: 3; add to the script"),
    _c("kit-minutes", E, "checks", "a kit's minutes differ from its agenda's total",
       "kits/meeting.yml:4:10: error kit-minutes minutes: 40, but the agenda adds up to 30 (5 + 15 + 10); make "
       "them equal"),
    _c("quiz-draw", E, "checks", "a kit's quiz asks for more questions than its banks can give",
       "kits/meeting.yml:10:34: error quiz-draw agenda[2].quiz: asks for 5 questions of types kefu, but the banks "
       "have only 1 publishable ones; lower count or add types"),
    _c("personal-data", E, "checks", "what looks like a phone, ID-card or bank-card number: content must be anonymised",
       "cases/shuadan-a.md:10:8: error personal-data found what looks like a mobile phone number (138****5678); "
       "content must be anonymised: remove it or replace it with a description"),
    _c("control-character", EW, "checks", "a control character in the text (Word's Shift+Enter line break U+000B…); "
       "fanzha import drops it with a warning",
       "cases/shuadan-a.md:10:13: error control-character U+000B (vertical tab: Word's Shift+Enter line break) in "
       "the text: exports to Excel, Moodle and QTI cannot carry it and students would see a box or nothing; replace "
       "it with a line break (a new line in the file, or \\n in a quoted YAML string)"),
    _c("stale", W, "checks", "an item's review_by date has passed",
       "cases/shuadan-a.md:8:12: warning stale review_by: 2026-01-31 has passed; check the content is still right, "
       "then set a new review date"),
    _c("unknown-placeholder", E, "checks", "a {{ college.X }} or {{ call.X }} name that is not a setting",
       "cases/shuadan-a.md:12:5: error unknown-placeholder {{ call.dorm_phone }} is not a phone setting; known: "
       "call.security_phone, call.police_phone, call.counselling_phone, or a number such as call.110"),
    _c("markdown-depth", E, "checks", "lists or emphasis nested too deep to make a page",
       "clips/deep.md:9:1: error markdown-depth a list nested about 45 levels deep (by indentation and list "
       "markers); at most 40 can be rendered; flatten it"),
    _c("unsafe-link", W, "checks", "a javascript: (or other script) link; the site and PDFs drop its target",
       "cases/shuadan-a.md:14:7: warning unsafe-link link to 'javascript:alert(1)': script and data links are not "
       "allowed in content (the site drops the target); link to a page or http(s), tel:, mailto:"),
    _c("external-image", E, "checks", "an image from another site (each reader's browser would fetch it)",
       "cases/shuadan-a.md:16:7: error external-image image from another site 'https://img.example.com/a.png': a "
       "reader's browser would fetch it, so the site drops it; save the picture beside the content and link it "
       "relatively"),
    _c("scenario-empty", E, "checks", "a scenario without steps or without endings",
       "scenarios/empty.yml:9:8: error scenario-empty steps: expected at least one, found none"),
    _c("scenario-start", E, "checks", "a scenario starts at an ending",
       "scenarios/starts-at-end.yml:6:8: error scenario-start start: 'e' is an ending; start with a step"),
    _c("scenario-step", E, "checks", "a step has both choices and next",
       "scenarios/starts-at-end.yml:10:52: error scenario-step steps[0]: has both 'choices' and 'next'; keep one "
       "(next: for a step the student only reads)"),
    _c("scenario-dead-end", E, "checks", "a step with no choice and no next: the story stops without an ending",
       "scenarios/broken.yml:34:9: error scenario-dead-end steps[4] 's5': no choice and no 'next', so the story "
       "stops here without an ending; add choices or next:"),
    _c("scenario-loop", E, "checks", "a choice leads back to its own step, or a loop has no way out",
       "scenarios/broken.yml:29:26: error scenario-loop steps[2].choices[1].next: leads back to the same step; "
       "lead it on to another step or an ending"),
    _c("scenario-dangling", E, "checks", "a choice or next leads to no step or ending",
       "scenarios/broken.yml:18:28: error scenario-dangling steps[0].choices[2].next: leads nowhere: no step or "
       "ending 's9' in this scenario"),
    _c("scenario-unreachable", E, "checks", "a step or ending no path from the start reaches",
       "scenarios/broken.yml:30:9: error scenario-unreachable steps[3] 's4': no choice leads here from the start "
       "'s1'; link it from a choice or remove it"),
    _c("scenario-length", E, "checks", "a scenario's text or its choices do not fit on a phone screen",
       "scenarios/refs.yml:18:16: error scenario-length steps[0].choices[0].text: 34 characters; a phone shows a "
       "button of at most 32: shorten it or split it"),
    # --- search words (taxonomy search:, search.yml) ---
    _c("search-word", E, "search", "a search word that is empty, too long, one character, or listed twice",
       "taxonomy.yml:7:21: error search-word types[shuadan].search[2]: '兼职' is listed twice (first as "
       "types[shuadan].search[1])"),
    _c("search-word-shared", W, "search", "two fraud types list the same search word",
       "taxonomy.yml:13:19: warning search-word-shared '兼职' is a search word of both shuadan and gongjianfa: the "
       "query puts both type pages first; keep it in one type if it belongs to one"),
    _c("search-page", E, "search", "search.yml points to a page that does not exist",
       "search.yml:2:9: error search-page 'jinji.md': no such page in docs/"),
    # --- site settings (build, not validate) ---
    _c("unfinished-setting", W, "unfinished", "a setting in mkdocs.yml still has the sample's placeholder value",
       "mkdocs.yml:2:1: warning unfinished-setting site_url"),
    _c("missing-glyph", E, "pdf", "a character the PDF fonts cannot draw",
       "kits/meeting.yml:2:8: error missing-glyph kit meeting (title)"),
    # --- programme files (calendar, campaign, insert, classes, meetings, incidents, reminders) ---
    _c("unknown-type", E, "programme", "a fraud type id that taxonomy.yml does not list",
       "programme/incidents.csv:4:16: error unknown-type 类型: unknown type '刷单反利'; did you mean '刷单返利'?"),
    _c("too-long", E, "programme", "a reminder message too long for one text message",
       "programme/calendar.yml:2:12: error too-long messages.shuadan: with the week number and the link (42 "
       "characters) the reminder is over 150 characters; shorten the text"),
    _c("bad-columns", E, "programme", "a CSV row with more or fewer fields than the header",
       "programme/classes.csv:6:1: error bad-columns expected 3 fields (学院, 班级, 人数), found 2; a value that "
       "contains a comma must be in double quotes"),
    _c("bad-header", E, "programme", "a CSV header with a missing, unknown or repeated column",
       "programme/incidents.csv:1:7: error bad-header unknown column '种类'; expected the columns 日期, 学院, 类型, 损失金额, "
       "是否劝阻成功, 备注"),
    _c("bad-number", E, "programme", "a CSV cell that is not a whole number (or is out of range)",
       "programme/classes.csv:4:9: error bad-number 人数: expected a number of 1 or more, found 0"),
    _c("bad-count", E, "programme", "a meeting's 实到 is more than its 应到",
       "programme/meetings.csv:2:22: error bad-count 实到: 4 present is more than 应到 3"),
    _c("bad-amount", E, "programme", "an incident's 损失金额 is not an amount of 0 or more",
       "programme/incidents.csv:5:21: error bad-amount 损失金额: expected an amount of 0 or more, found '-5'"),
    _c("bad-yes-no", E, "programme", "an incident's 是否劝阻成功 is not 是 or 否",
       "programme/incidents.csv:7:25: error bad-yes-no 是否劝阻成功: expected 是 or 否, found '也许'"),
    _c("too-many", E, "programme", "more students recorded for a class than its 人数",
       "programme/classes.csv:4:9: error too-many 人数: 2 students in 乙1班, but results.csv has 3 students of "
       "this class; correct 人数"),
    _c("wrong-college", E, "programme", "a class recorded under another college than in classes.csv",
       "programme/meetings.csv:3:1: error wrong-college 学院: 甲2班 belongs to 甲学院 in classes.csv, found '乙学院'"),
    _c("unknown-class", E, "programme", "a class that classes.csv does not list",
       "programme/meetings.csv:4:5: error unknown-class 班级: '甲9班' is not in classes.csv; add the class there or "
       "correct the name"),
    _c("wrong-class", E, "programme", "a student recorded in two classes",
       ":2:2: error wrong-class 班级: student S260101000 is in 一班"),
    # --- results files (fanzha results, validate --results) ---
    _c("results-format", E, "results", "a results file that is not a readable CSV or .xlsx table of answers",
       "1:1: error results-format an old Excel .xls"),
    _c("bad-csv", E, "results", "a CSV file that cannot be parsed",
       "answers/big.csv:3:1: error bad-csv cannot read the CSV: field larger than field limit (131072)"),
    _c("missing-column", E, "results", "a results file without a column it needs (学号, 试卷版本, 班级)",
       ":1:1: error missing-column no 学号 column"),
    _c("unknown-version", E, "results", "a paper version the answer map does not have",
       ":6:3: error unknown-version 试卷版本: 'C' is not a version"),
    _c("duplicate-question", E, "results", "a question number appears twice in the header",
       "answers/twice.csv:1:5: error duplicate-question question 1 has a second column here"),
    _c("unmapped-question", E, "results", "a question column the answer map does not map to a question",
       "answers/twice.csv:1:1: error unmapped-question the answer map answers/answers.json (version A) has "
       "question(s) 3, 4, 5, 6, 7, 8, which have no column in this file"),
    _c("answer-letter", E, "results", "a student's answer with a letter the question does not have",
       ":42:13: error answer-letter question 4: '这不是任何一个选项' is none"),
    _c("no-answer-map", E, "results", "no answer map (answers.json) for the results",
       "answers/一班.csv:1:1: error no-answer-map no answer map found for this results file (looked for "
       "answers/一班.answers.json and answers/answers.json); give --map MAP.answers.json, the map `fanzha paper` or "
       "`fanzha export` wrote with the paper"),
    _c("answer-map", E, "results", "an answer map (answers.json) that cannot be read",
       "maps/answers.json:2:1: error answer-map not an answer map (invalid JSON: Expecting property name enclosed "
       "in double quotes: line 2 column 1 (char 32))"),
    _c("results-too-easy", W, "results", "nearly every student got the question right",
       "quizzes/ceshi.yml:5:9: warning results-too-easy ceshi-001: too easy: 100.0% of 60 students got it right (> "
       "95.0%); it tells nobody apart [2026 秋季反诈测试（试题分析样例）, results answers/answer-grid.csv]"),
    _c("results-too-hard", W, "results", "few students got the question right",
       "quizzes/ceshi.yml:60:9: warning results-too-hard ceshi-007: too hard: only 20.0% of 40 students got it "
       "right (< 30.0%) [2026 秋季反诈测试（试题分析样例）, results answers/一班.csv]"),
    _c("results-wrong-key", W, "results", "the answers suggest the key is wrong",
       "quizzes/ceshi.yml:23:13: warning results-wrong-key ceshi-002: probably a wrong key: discrimination -0.62; "
       "point-biserial -0.62; the upper group chose option A (100.0%) more than the key C (0.0%) [2026 "
       "秋季反诈测试（试题分析样例）, results answers/answer-grid.csv]"),
    _c("results-low-discrimination", W, "results", "strong and weak students do equally well on the question",
       "quizzes/ceshi.yml:45:9: warning results-low-discrimination ceshi-005: low discrimination 0.09 (< 0.2): "
       "upper group 54.5% right, lower group 45.5% [2026 秋季反诈测试（试题分析样例）, results answers/一班.csv]"),
    _c("results-dead-distractor", W, "results", "a distractor almost nobody chose",
       "quizzes/ceshi.yml:29:7: warning results-dead-distractor ceshi-003: distractor chosen by fewer than 2.0%: "
       "option D (0.0%); it does no work [2026 秋季反诈测试（试题分析样例）, results answers/answer-grid.csv]"),
    # --- importing a bank from text (fanzha import) ---
    _c("stray-text", E, "exchange", "a line import cannot place in a question",
       "placement.txt:5: error stray-text cannot place this line after the answer of question 1: '这一行不知道该放在哪里'; "
       "only 解析： may follow 答案："),
    _c("duplicate-mark", E, "exchange", "a question has the same 【…】 mark twice",
       "bank.txt:8: error duplicate-mark question 1 already has 【难度】 (line 7); keep one"),
    _c("duplicate-answer", E, "exchange", "a question has two 答案 lines",
       "placement.txt:12: error duplicate-answer question 2 already has an answer (line 11); keep one 答案： line"),
    _c("duplicate-explanation", E, "exchange", "a question has two 解析 lines",
       "placement.txt:18: error duplicate-explanation question 3 already has 解析 (line 17); join them into one"),
    _c("option-order", E, "exchange", "options out of order (A. B. D.)",
       "letters.txt:11: error option-order question 2: expected option C, found D"),
    _c("answer-conflict", E, "exchange", "the 答案 line and the stem's brackets give different answers",
       "placement.txt:23: error answer-conflict question 4: 答案 says 'A' but the stem's brackets say 'B'; keep one"),
    _c("no-answer", E, "exchange", "a question without an answer",
       "no-answer.txt:1: error no-answer question 1 has no answer; add a line '答案：B' (or 答案：正确 for a judge question)"),
    _c("no-explanation", EW, "exchange", "a question without 解析 (a warning with --allow-missing-explanation)",
       "allow-missing-explanation.txt:1: warning no-explanation question 1 has no 解析; it is written with an empty "
       "explanation that `fanzha validate` reports until you write one"),
    _c("no-options", E, "exchange", "a choice question without options",
       "kinds.txt:9: error no-options question 2 is a 单选题 but has no options A. B. …; add them, or move it under a "
       "判断题 heading"),
    _c("mark-unreadable", E, "exchange", "a 【…】 mark import does not know or cannot read",
       "bank.txt:15: error mark-unreadable question 2: 【难度】 is 简单, 中等 or 困难; found '很难'"),
    _c("page-furniture", W, "exchange", "a page header, footer or page number dropped from the text",
       "bank.txt:13: warning page-furniture dropped '第 1 页 共 2 页': a page number, not part of a question"),
    _c("no-questions", E, "commands", "the text has no numbered questions",
       "bank.txt:1: error no-questions expected numbered questions such as '1. 题干', found none"),
    _c("unknown-case", W, "commands", "a 【案例】 mark names no case of the site",
       "bank.txt:1: warning unknown-case 【案例】no-such-case is not a case in cases/ here; the question is "
       "imported without the link"),
]

CODES: dict[str, Code] = {}
for _code in _ALL:
    if _code.id in CODES or _code.level not in LEVELS:
        raise AssertionError(f"build_tools/codes.py: code {_code.id!r} declared twice or with level {_code.level!r}")
    CODES[_code.id] = _code
del _code


class UnknownCode(LookupError):
    """A code not in CODES, with the closest registered ones."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.close = closest(code)
        hint = f"; did you mean {', '.join(self.close)}?" if self.close else ""
        super().__init__(f"unknown problem code '{code}'{hint}")


def closest(code: str, n: int = 3) -> list[str]:
    """Registered codes nearest to `code` (by spelling, then sharing a word)."""
    near = difflib.get_close_matches(code, list(CODES), n=n, cutoff=0.6)
    if len(near) < n:
        words = set(code.split("-"))
        near += [c for c in CODES if c not in near and words & set(c.split("-"))][: n - len(near)]
    return near


def lookup(code: str) -> Code:
    try:
        return CODES[code]
    except KeyError:
        raise UnknownCode(code) from None


_reported: set[tuple[str, str]] = set()


def check(code: str, level: str) -> None:
    """Called for each problem made: an unregistered code, or one at a level its entry does not allow,
    raises under pytest (PYTEST_CURRENT_TEST is set while a test runs), so the suite fails on it. On a
    user's machine it is a bug of fanzha, not of their content: said once on stderr, and the problem is
    still reported as it is."""
    known = CODES.get(code)
    if known is not None and level in known.levels:
        return
    why = (f"problem code '{code}' is not in build_tools/codes.py" if known is None
           else f"problem code '{code}' is declared as {known.level}, emitted as {level}")
    if "PYTEST_CURRENT_TEST" in os.environ:
        raise AssertionError(why)
    if (code, level) not in _reported:
        _reported.add((code, level))
        print(f"fanzha: internal: {why} (please report this)", file=sys.stderr)
