"""What each question kind is called in Chinese: the one table.

`KIND_LABELS` are the short labels (单选, on quiz pages, decks and results reports);
`KIND_NAMES` the full names (单选题, in messages, exports and teachers' text).
"""
from __future__ import annotations

KIND_LABELS = {"single": "单选", "multiple": "多选", "judge": "判断"}
KIND_NAMES = {kind: label + "题" for kind, label in KIND_LABELS.items()}
