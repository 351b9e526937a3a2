"""``chipmap report`` through Typer's runner on the toy graph."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from chipmap.cli import app

runner = CliRunner()


def test_report_writes_a_self_contained_html_brief(tmp_path: Path) -> None:
    out = tmp_path / "shaoxing.html"
    result = runner.invoke(app, ["report", "Shaoxing", "--vs", "Wuxi", "--since", "2018-01-01",
                                 "--format", "html", "--out", str(out), "--db", "toy"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html and 'id="coverage-chart"' in html and "绍兴" in html
    assert "<script" not in html and "<link" not in html and 'src="http' not in html  # loads nothing
    assert "period 2018-01-01" in html and "compared with Wuxi" in html


def test_report_pdf_starts_like_a_pdf(tmp_path: Path) -> None:
    out = tmp_path / "brief.pdf"
    result = runner.invoke(app, ["report", "Shaoxing", "--format", "pdf", "-o", str(out), "--db", "toy"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")


def test_report_of_an_unknown_cluster_exits_1_and_bad_options_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    unknown = runner.invoke(app, ["report", "Atlantis Chip Valley", "--out", str(out), "--db", "toy"])
    assert unknown.exit_code == 1 and not out.exists()
    bad_format = runner.invoke(app, ["report", "Shaoxing", "--format", "docx", "--out", str(out), "--db", "toy"])
    assert bad_format.exit_code == 2 and "docx" in bad_format.output
    bad_day = runner.invoke(app, ["report", "Shaoxing", "--since", "last year", "--out", str(out), "--db", "toy"])
    assert bad_day.exit_code == 2
