"""Question banks in and out of other platforms: one module per format.

Pure code: it reads the model (`build_tools.model`) and returns bytes, or reads
teachers' text and returns questions; it imports nothing from MkDocs. The
commands `fanzha export` and `fanzha import` are the doors into it.

| module        | format                                                            |
|---------------|-------------------------------------------------------------------|
| `wjx`         | 问卷星 exam batch text ([单选题]/[多选题]/[判断题], answer in brackets) |
| `text`        | the 答案：/解析： text layout teachers type in Word                 |
| `text_import` | reading that layout back, as teachers really write it             |
| `xlsx`        | one row a question (openpyxl)                                     |
| `moodle`      | Moodle XML (lxml)                                                 |
| `gift`        | Moodle GIFT                                                       |
| `qti`         | IMS QTI 2.1 content package (zip of items + imsmanifest.xml)      |
| `bank_yaml`   | writing an imported bank as human-readable YAML                   |
"""
from __future__ import annotations

from types import ModuleType

from . import gift, moodle, qti, text, wjx, xlsx

#: format name -> module with EXTENSION and export(selection) -> Exported
EXPORTERS: dict[str, ModuleType] = {
    "wjx": wjx, "text": text, "xlsx": xlsx, "moodle": moodle, "gift": gift, "qti": qti,
}
