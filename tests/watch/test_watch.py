"""The watcher against a real HTTP server on 127.0.0.1 whose feed changes between rounds:
conditional requests (304), seen entries skipped, back-off after errors, and the digest of each round."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chipmap.cli import app
from chipmap.config import Settings
from chipmap.watch import Digest, save_clusters, to_html, to_json, to_markdown, watch_round
from chipmap.watch.runner import parse_duration

from .conftest import Doc, Site

pytestmark = pytest.mark.model
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
T0 = dt.datetime(2024, 5, 6, 9, 0, tzinfo=dt.UTC)
RSS = "application/rss+xml"

# Invented stories (names and facts made up for these tests).
QIANLAN = ["Qianlan Microsystems, a chip design company founded in 2019, opened its new headquarters in "
           "Shaoxing Binhai New Area on Monday.",
           "The company designs power management chips for electric vehicles.",
           "Its chief executive Han Lisheng said the Shaoxing site would employ 300 engineers."]
HUALING = ["Hualing Photoresist, a semiconductor materials supplier, signed an agreement to build a photoresist "
           "plant in Shaoxing Keqiao district.",
           "The plant will supply wafer fabs in Zhejiang."]
LINGHANG = ["Linghang Microelectronics, a MEMS sensor maker, opened a production base in Shaoxing Keqiao "
            "district on Tuesday.",
            "Its chairman Qiao Jianfeng said the base would start shipments next spring."]


def page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><nav>News | About</nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>Copyright</footer></body></html>").encode()


def feed(site: Site, entries: list[tuple[str, str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{site.url(path)}</link><guid>{path.strip('/')}</guid>"
        f"<pubDate>{day}</pubDate><description>{title}.</description></item>" for title, path, day in entries)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Chip news</title>'
            f"<link>{site.base}</link><description>test feed</description>{items}</channel></rss>").encode()


def by_location(digest: Digest) -> dict[str, Any]:
    return {s.location: s for s in digest.sources}


def save_artifacts(digest: Digest, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.md").write_text(to_markdown(digest), encoding="utf-8")
    (ARTIFACTS / f"{name}.json").write_text(to_json(digest), encoding="utf-8")
    html = ARTIFACTS / f"{name}.html"
    html.write_text(to_html(digest), encoding="utf-8")
    if Path("/usr/bin/chromium").exists():
        # Chromium's own headless screenshot, in a process of its own: a Playwright session may
        # already be running in this worker (the browser tests), and the sync API allows one.
        png = ARTIFACTS / f"{name}.png"
        subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--disable-background-networking", "--no-first-run", f"--screenshot={png}",
                        "--window-size=1000,1300", html.as_uri()], check=True, capture_output=True, timeout=120)
        assert png.stat().st_size > 10_000
    elif os.environ.get("CI") == "true":
        pytest.fail("/usr/bin/chromium is missing: `make test` installs it")


def test_two_rounds_add_only_what_is_new_politely_and_say_so(site: Site, tmp_path: Path, extractor: Any) -> None:
    db = f"sqlite:///{tmp_path / 'watch.db'}"
    settings = Settings(http_timeout=3.0, user_agent="chipmap-test/1.0", db=db)
    site.docs["/qianlan"] = Doc(page("Qianlan opens Shaoxing headquarters", QIANLAN))
    site.docs["/hualing"] = Doc(page("Hualing Photoresist picks Keqiao", HUALING), validator="last-modified")
    site.docs["/feed.xml"] = Doc(feed(site, [("Qianlan opens Shaoxing headquarters", "/qianlan",
                                               "Mon, 06 May 2024 07:00:00 GMT")]), RSS)
    sources = [site.url("/feed.xml"), site.url("/hualing"), site.url("/gone")]
    assert save_clusters(db, ["Shaoxing"], settings=settings) == ["place:shaoxing"]

    first = watch_round(sources, db=db, settings=settings, extractor=extractor, now=T0)
    status = by_location(first)
    assert status[site.url("/feed.xml")].status == "changed" and status[site.url("/feed.xml")].new_entries == 1
    assert status[site.url("/hualing")].status == "changed"
    gone = status[site.url("/gone")]
    assert gone.status == "error" and "404" in gone.error and gone.next_try == (T0 + dt.timedelta(minutes=5)).isoformat()
    assert first.added == 2 and first.round == 1
    assert {"Qianlan Microsystems", "Hualing Photoresist"} <= {i.title for i in first.organizations}
    (shaoxing,) = first.clusters
    assert shaoxing.name == "Shaoxing"
    assert "Qianlan Microsystems" in {i.title for i in shaoxing.organizations}
    assert any(i.title.startswith("Qianlan Microsystems in ") for i in shaoxing.sites)
    assert all(i.source is not None and i.source.url and i.source.url.startswith(site.base)
               for i in first.organizations + first.sites + first.appointments)
    save_artifacts(first, "digest-round-1")

    # Between rounds the feed gains an entry; the page and the broken link stay as they were.
    site.docs["/linghang"] = Doc(page("Linghang opens Keqiao base", LINGHANG))
    site.docs["/feed.xml"] = Doc(feed(site, [("Linghang opens Keqiao base", "/linghang",
                                               "Tue, 07 May 2024 07:00:00 GMT"),
                                              ("Qianlan opens Shaoxing headquarters", "/qianlan",
                                               "Mon, 06 May 2024 07:00:00 GMT")]), RSS)
    second = watch_round(sources, db=db, settings=settings, extractor=extractor, now=T0 + dt.timedelta(minutes=2))
    feed_hits = [h for h in site.hits if h.path == "/feed.xml"]
    assert feed_hits[0].if_none_match is None and feed_hits[1].if_none_match is not None  # conditional GET
    assert site.statuses("/hualing") == [200, 304]
    assert [h.if_modified_since for h in site.hits if h.path == "/hualing"][1] == "Mon, 06 May 2024 08:00:00 GMT"
    assert site.statuses("/qianlan") == [200]  # a seen entry's page is not fetched again
    assert site.statuses("/gone") == [404]  # backing off: not asked again yet
    status = by_location(second)
    assert status[site.url("/hualing")].status == "unchanged" and status[site.url("/hualing")].http_status == 304
    assert status[site.url("/gone")].status == "waiting"
    assert second.added == 1 and [a.title for a in second.articles] == ["Linghang opens Keqiao base"]
    assert [i.title for i in second.organizations] == ["Linghang Microelectronics"]
    assert any("Qiao Jianfeng" in i.title and "chairman" in i.title for i in second.appointments)
    (shaoxing,) = second.clusters
    assert [i.title for i in shaoxing.organizations] == ["Linghang Microelectronics"]
    assert any("Qiao Jianfeng" in i.title for i in shaoxing.appointments)
    assert [i.change for i in shaoxing.projects if "Linghang" in i.title] == ["new"]  # its production base
    assert second.appointments[0].source is not None and second.appointments[0].source.url == site.url("/linghang")
    data = json.loads(to_json(second))
    assert data["added"] == 1 and data["new_items"] == len(second.organizations) + len(second.sites) + len(
        second.appointments) + len(second.projects) and data["organizations"][0]["title"] == "Linghang Microelectronics"
    save_artifacts(second, "digest-round-2")

    # Nothing changed: the feed answers 304 and the graph is left alone; the broken link is tried again
    # once its back-off is over, and backs off twice as long.
    third = watch_round(sources, db=db, settings=settings, extractor=extractor, now=T0 + dt.timedelta(minutes=6))
    assert site.statuses("/feed.xml")[-1] == 304 and third.added == 0 and third.new_items == 0
    assert by_location(third)[site.url("/gone")].next_try == (T0 + dt.timedelta(minutes=16)).isoformat()

    # The CLI reads the same state: --once --json, and the saved clusters.
    runner = CliRunner()
    result = runner.invoke(app, ["watch", site.url("/feed.xml"), "--once", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["added"] == 0 and json.loads(result.output)["round"] == 4
    listed = runner.invoke(app, ["watch", "--cluster", "Wuxi", "--db", db])
    assert listed.exit_code == 0 and "place:shaoxing, place:wuxi" in listed.output


@pytest.mark.parametrize(("text", "seconds"), [("90s", 90), ("15m", 900), ("1h", 3600), ("2d", 172800), ("45", 45)])
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text).total_seconds() == seconds


def test_a_first_round_on_a_new_database_reports_news_not_the_atlas(site: Site, tmp_path: Path,
                                                                    extractor: Any) -> None:
    db = f"sqlite:///{tmp_path / 'fresh.db'}"
    site.docs["/linghang"] = Doc(page("Linghang opens Keqiao base", LINGHANG))
    digest = watch_round([site.url("/linghang")], db=db, settings=Settings(http_timeout=3.0, db=db),
                         extractor=extractor, now=T0)
    assert digest.added == 1  # the atlas was seeded by this round's build, but only the news is new
    assert [i.title for i in digest.organizations] == ["Linghang Microelectronics"]
    assert all(i.source is not None for i in digest.organizations + digest.sites + digest.appointments)


def test_a_watched_folder_adds_the_files_dropped_into_it(tmp_path: Path, extractor: Any) -> None:
    db = f"sqlite:///{tmp_path / 'folder.db'}"
    settings = Settings(db=db)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "qianlan.txt").write_text("\n\n".join(QIANLAN), encoding="utf-8")
    first = watch_round([str(inbox)], db=db, settings=settings, extractor=extractor, now=T0)
    assert first.added == 1 and "Qianlan Microsystems" in {i.title for i in first.organizations}
    (inbox / "linghang.txt").write_text("\n\n".join(LINGHANG), encoding="utf-8")
    second = watch_round([str(inbox)], db=db, settings=settings, extractor=extractor,
                         now=T0 + dt.timedelta(minutes=2))
    assert second.added == 1
    assert [i.title for i in second.organizations] == ["Linghang Microelectronics"]
    statuses = {Path(s.location).name: s.status for s in second.sources}
    assert statuses == {"qianlan.txt": "unchanged", "linghang.txt": "changed"}
