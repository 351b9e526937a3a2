"""Reports: a cluster brief (members, gaps and candidates, projects, leaders, timeline, sources)
as self-contained HTML or as PDF."""

from chipmap.report.brief import Brief, build_brief
from chipmap.report.render import FORMATS, MEDIA_TYPES, Format, render, render_html, render_pdf

__all__ = ["FORMATS", "MEDIA_TYPES", "Brief", "Format", "build_brief", "render", "render_html", "render_pdf"]
