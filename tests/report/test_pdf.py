"""A brief rendered to PDF and looked at as a reader would: pages as PNG (pdftoppm), the chart drawn,
Chinese names in an embedded CJK font with a glyph for every character (no tofu boxes)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection, TTFont
from PIL import Image

from chipmap.analyze.service import Analyst
from chipmap.report import build_brief, render_html, render_pdf
from chipmap.report.svg import CLUSTER_COLOUR, PEER_COLOUR

from .conftest import ARTIFACTS

pytestmark = pytest.mark.usefixtures("poppler")
HAN = re.compile(r"[\u3400-\u9fff]")


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _pixels_near(image: Image.Image, colour: str, tolerance: int = 12) -> int:
    target = _rgb(colour)
    histogram = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
    return sum(n for n, pixel in histogram
               if all(abs(a - b) <= tolerance for a, b in zip(pixel, target, strict=True)))


@pytest.fixture(scope="module")
def rendered(analyst: Analyst, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, list[Path]]:
    html = render_html(build_brief(analyst, "Shaoxing", vs="Wuxi"))
    folder = tmp_path_factory.mktemp("brief")
    pdf = folder / "shaoxing.pdf"
    pdf.write_bytes(render_pdf(html))
    _run("pdftoppm", "-png", "-r", "80", str(pdf), str(folder / "page"))
    pages = sorted(folder.glob("page-*.png"))
    ARTIFACTS.mkdir(exist_ok=True)
    for stale in ARTIFACTS.glob("brief-shaoxing-page-*.png"):  # a shorter brief leaves no old pages behind
        stale.unlink()
    for number, page in enumerate(pages, start=1):
        Image.open(page).save(ARTIFACTS / f"brief-shaoxing-page-{number}.png")
    return html, pdf, pages


def test_pdf_pages_match_the_page_count_and_the_first_page_draws_the_chart(
        rendered: tuple[str, Path, list[Path]]) -> None:
    _, pdf, pages = rendered
    count = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))  # type: ignore[union-attr]
    assert 2 <= count <= 12 and len(pages) == count
    first = Image.open(pages[0])
    assert _pixels_near(first, CLUSTER_COLOUR) > 500  # the cluster's bars (and the title)
    assert _pixels_near(first, PEER_COLOUR) > 500  # the peer's bars
    assert _pixels_near(Image.open(pages[-1]), PEER_COLOUR) == 0  # the source list has no chart


def test_text_survives_into_the_pdf_with_its_sources(rendered: tuple[str, Path, list[Path]]) -> None:
    _, pdf, _ = rendered
    text = _run("pdftotext", "-layout", str(pdf), "-")
    assert "Shaoxing" in text and "绍兴" in text
    assert "Members by segment" in text and "Sources" in text and "https://example.org/news/toy-001" in text
    assert "page 1 of" in text


def test_chinese_names_use_an_embedded_cjk_font_that_has_every_glyph(
        rendered: tuple[str, Path, list[Path]]) -> None:
    html, pdf, _ = rendered
    fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts), fonts  # every font embedded
    assert any("CJK-SC" in line for line in fonts), fonts
    # The font the brief names first must have a glyph for every Chinese character it shows;
    # otherwise the renderer would draw a missing-glyph box ("tofu") instead.
    path = _run("fc-match", "-f", "%{file}", "Noto Sans CJK SC")
    assert "CJK" in path, f"fontconfig has no Noto Sans CJK SC (got {path}); apt-get install fonts-noto-cjk"
    font = TTCollection(path).fonts[0] if path.endswith(".ttc") else TTFont(path)
    cmap = font.getBestCmap()
    han = set(HAN.findall(html))
    assert len(han) > 20
    assert not [c for c in han if ord(c) not in cmap]
