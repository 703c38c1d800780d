"""Running the programme: weekly reminders, the monthly bulletin, the admission-letter
insert, the campaign month and the yearly coverage report — the renderers and the
commands' helpers.

The input files the site is made from (calendar.yml, campaign.yml, incidents.csv,
classes.csv) are read with the content by build_tools/load/programme (formats:
docs/programme.md), checked by checks/programme.py and rendered from that reading;
the files only commands read (insert.yml, meetings.csv, results.csv) are read here,
through the same readers (load/programme/inputs.py, yamlinput.py), every bad line a
Problem (`path:line:col: error CODE message`). Everything renders through Jinja2
templates in templates/programme/. Nothing here imports MkDocs: the site pages are
put together by build_tools/pages/programme.py, the commands by build_tools/commands/.
"""
from __future__ import annotations
