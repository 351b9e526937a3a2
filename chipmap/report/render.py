"""A brief as one self-contained HTML document, and as PDF rendered from that HTML by WeasyPrint.

The HTML loads nothing: styles are inline, charts are inline SVG, fonts are
named (a system CJK font such as Noto Sans CJK SC, Debian's fonts-noto-cjk),
so the file opens offline and prints the same anywhere the font is installed.
The PDF is WeasyPrint's rendering of exactly that HTML, with page numbers
from CSS paged media (see docs/reports.md for why WeasyPrint).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import jinja2
from markupsafe import Markup

from chipmap.errors import ConfigError
from chipmap.report.brief import Brief
from chipmap.report.svg import CLUSTER_COLOUR, FONT_STACK, MISSING_COLOUR, PEER_COLOUR

Format = Literal["html", "pdf"]
FORMATS: tuple[Format, ...] = ("html", "pdf")
MEDIA_TYPES: dict[str, str] = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
_env.globals.update(FONT_STACK=Markup(FONT_STACK), CLUSTER_COLOUR=CLUSTER_COLOUR, PEER_COLOUR=PEER_COLOUR,
                    MISSING_COLOUR=MISSING_COLOUR)


def render_html(brief: Brief) -> str:
    """The brief as a standalone HTML document (UTF-8 text)."""
    return _env.get_template("brief.html").render(brief=brief)


def render_pdf(html: str) -> bytes:
    """PDF bytes of a brief's HTML; ConfigError when WeasyPrint or its system libraries are missing."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango is not installed
        raise ConfigError(f"PDF output needs WeasyPrint and Pango ({exc}); "
                          "pip install weasyprint, apt-get install libpango-1.0-0 libpangoft2-1.0-0") from exc
    pdf: bytes = weasyprint.HTML(string=html, base_url=None).write_pdf()
    return pdf


def render(brief: Brief, fmt: Format) -> bytes:
    """The brief in ``fmt`` (html or pdf) as bytes."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    html = render_html(brief)
    return html.encode("utf-8") if fmt == "html" else render_pdf(html)
