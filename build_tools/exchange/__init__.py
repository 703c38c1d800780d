"""Question banks in and out of other platforms: one module per format.

Pure code: it reads the model (`build_tools.model`) and returns bytes, or reads
teachers' text and returns questions; it imports nothing from MkDocs. The
commands `fanzha export` and `fanzha import` are the doors into it.

| module        | format                                                            |
|---------------|-------------------------------------------------------------------|
| `wjx`         | 问卷星 exam batch text ([单选题]/[多选题]/[判断题], answer in brackets) |
| `wjx_jsonl`   | 问卷星 kit's exam JSONL (`--format wjx-jsonl`: answers and explanations) |
| `text`        | the 答案：/解析： text layout teachers type in Word                 |
| `text_import` | reading that layout back, as teachers really write it             |
| `xlsx`        | one row a question (openpyxl)                                     |
| `xlsx_chaoxing` | 学习通 (超星) 课程题库 import template's columns (`--format xlsx-chaoxing`) |
| `moodle`      | Moodle XML (lxml)                                                 |
| `gift`        | Moodle GIFT                                                       |
| `qti`         | IMS QTI 2.1 content package (zip of items + imsmanifest.xml)      |
| `bank_yaml`   | writing an imported bank as human-readable YAML                   |
| `answermap`   | the answer map beside every paper and export (number → id, order) |

`EXPORTERS` is imported on first use, so that papers and kits, which need only
`answermap`, do not load openpyxl and lxml.
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

FORMATS = ("wjx", "wjx-jsonl", "text", "xlsx", "xlsx-chaoxing", "moodle", "gift", "qti")


def __getattr__(name: str) -> Any:
    if name == "EXPORTERS":
        #: format name -> module with EXTENSION and export(selection) -> Exported
        exporters: dict[str, ModuleType] = {f: importlib.import_module(f"{__name__}.{f.replace('-', '_')}")
                                          for f in FORMATS}
        globals()["EXPORTERS"] = exporters
        return exporters
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
