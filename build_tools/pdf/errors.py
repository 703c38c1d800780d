"""The one exception PDF building raises for anything the user can fix."""
from __future__ import annotations


class PdfBuildError(Exception):
    """A kit or paper cannot be built: a missing glyph, a quota that cannot be met,
    a WeasyPrint warning, a missing font. The message names the source item.

    One positional argument only, so it survives the trip back from a worker process.
    """
