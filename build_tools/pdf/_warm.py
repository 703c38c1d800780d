"""Imported once by the worker pool's fork server: load WeasyPrint, fontconfig and the
CJK fonts before any worker is forked, so each worker starts warm."""
from __future__ import annotations

from .typeset import render_pdf

render_pdf('<html lang="zh-CN"><body style="font-family: \'Noto Serif CJK SC\'">反诈<b style="'
           'font-family: \'Noto Sans CJK SC\'">反诈</b><span style="font-family: \'Noto Sans CJK SC\'">'
           '反诈</span></body></html>', "warm-up")
