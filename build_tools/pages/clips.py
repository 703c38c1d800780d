"""clips/index.md and clips/<id>.md: 60-second scripts with a projection mode."""
from __future__ import annotations

from ..urls import SiteUrls
from .context import SiteContext


def generate(ctx: SiteContext) -> dict[str, str]:
    """The clip index and one page per clip."""
    kb = ctx.kb
    rows = [(clip, kb.types[clip.type]) for t in kb.types.values() for clip in kb.clips_of(t.id)]
    out = {"clips/index.md": ctx.renderer.page("clips/index.md", "clips-index.md", "课间反诈60秒", rows=rows)}
    for clip in kb.clips.values():
        src = SiteUrls.src("clip", clip.id)
        out[src] = ctx.renderer.page(
            src, "clip.md", clip.title, clip=clip, type=kb.types[clip.type], pages=clip.pages,
            case=kb.cases.get(clip.case) if clip.case else None)
    return out
