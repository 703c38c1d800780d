"""A 60-second script must take about its target time to say aloud."""
from __future__ import annotations

from collections.abc import Iterator

from .. import schema
from ..model import Clip
from ..problem import Problem, error
from ..spoken import spoken_seconds, spoken_units
from .context import Context

MIN_SECONDS, MAX_SECONDS = schema.CLIP["seconds"].least(), schema.CLIP["seconds"].most()  # declared in schema.py


def check(ctx: Context) -> Iterator[Problem]:
    rate, tol = ctx.settings.reading_rate, ctx.settings.clip_tolerance
    for clip in ctx.every(Clip):
        if "seconds" not in clip.where:
            continue  # missing: reported as a missing key
        if clip.seconds < MIN_SECONDS:
            yield error(clip.at("seconds"), "wrong-value", f"seconds: expected a positive number, found {clip.seconds}")
            continue
        if clip.seconds > MAX_SECONDS:  # also keeps the arithmetic below within a float's range
            yield error(clip.at("seconds"), "wrong-value",
                f"seconds: expected at most {MAX_SECONDS} (a clip is said between two lessons), "
                f"found {_short(clip.seconds)}")
            continue
        est = spoken_seconds(clip.body, rate)
        lo, hi = clip.seconds * (1 - tol), clip.seconds * (1 + tol)
        if not lo <= est <= hi:
            units = spoken_units(clip.body)
            advice = "shorten the script" if est > hi else "add to the script"
            yield error(clip.at("seconds"), "clip-length",
                f"script takes about {est:.0f} s to say ({units} characters at {rate:g} a minute); "
                f"expected {lo:.0f}–{hi:.0f} s for seconds: {clip.seconds}; {advice}")


def _short(n: int) -> str:
    """A number for a message: in full, or its first digits and its length when it is very long."""
    text = str(n)
    return text if len(text) <= 20 else f"{text[:12]}… ({len(text)} digits)"
