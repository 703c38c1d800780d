"""Results in, item analysis out: `fanzha results`, `fanzha validate --results`, `fanzha coverage`.

    read (readers.py: 问卷星, Moodle, the paper answer grid; CSV or .xlsx; UTF-8 or GB18030)
      → map back (answer map: number → question id, shown letter → bank option)
      → analyse (analysis.py: per question and per paper; flags with the question's file:line)
      → report (report.py: HTML with inline SVG and a CSV per table, written all at once)

Student numbers are read only to keep one attempt per student (the best) and never leave
this package: the report and its CSV files hold aggregates only, and per-class figures go
through programme/privacy.py exactly as the monthly bulletin's do.
"""
from __future__ import annotations
