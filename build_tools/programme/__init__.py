"""Running the programme: weekly reminders, the monthly bulletin, the admission-letter
insert, the campaign month and the yearly coverage report.

One module per feature; each reads its own input file from the college's
`programme/` folder (formats: docs/programme.md), reports every bad line as a
Problem (`path:line:col: error CODE message`) and renders through Jinja2
templates in templates/programme/. Nothing here imports MkDocs: the site pages
are put together by build_tools/pages/programme.py, the commands by
build_tools/commands/.
"""
from __future__ import annotations

PROGRAMME_DIR = "programme"  # the folder under the root holding the input files
