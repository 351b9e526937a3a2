"""``chipmap.build`` honours the settings it is given: database, model and atlas overlay.

Settings are read at the edge and passed down as values; nothing below reads the
process-wide settings, so a script's ``Settings(...)`` is what the build uses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import chipmap
from chipmap.config import Settings
from chipmap.errors import ConfigError

ARTICLE = ("Qiantang Quantum Devices opened a packaging line in Hangzhou.\n\n"
           "The company said the line would test power chips for carmakers.\n")
OVERLAY = """\
- id: org:qiantang-quantum
  name: Qiantang Quantum Devices
  kind: company
  segments: [packaging_testing]
  headquarters: place:hangzhou
  source: written for this test
"""


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "news" / "qiantang.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("setting", ["db", "model", "atlas_overlay"])
def test_build_honours_each_setting(setting: str, article: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)  # a build that ignored ``db`` would write ./chipmap.db here
    target = tmp_path / "target.db"
    if setting == "db":
        summary = chipmap.build([article], settings=Settings(db=str(target)))
        assert summary.added == 1 and target.is_file()
        assert not (workdir / "chipmap.db").exists()
    elif setting == "model":
        with pytest.raises(ConfigError, match="no_such_pipeline"):
            chipmap.build([article], settings=Settings(db=str(target), model="no_such_pipeline"))
    else:
        overlay = tmp_path / "overlay.yaml"
        overlay.write_text(OVERLAY, encoding="utf-8")
        summary = chipmap.build([article], settings=Settings(db=str(target), atlas_overlay=overlay))
        assert summary.added == 1
        with chipmap.open(target) as graph:
            entity = graph.entity("Qiantang Quantum Devices")
            assert entity.atlas_id == "org:qiantang-quantum"
            assert "segment:packaging_testing" in {r.tail_id for r in graph.relations(head=entity.id)}
    assert not (workdir / "chipmap.db").exists()


def test_open_reads_the_database_the_settings_name(article: Path, tmp_path: Path) -> None:
    target = tmp_path / "named.db"
    chipmap.build([article], db=target, atlas=False)
    with chipmap.open(settings=Settings(db=str(target))) as graph:
        assert graph.counts()["articles"] == 1


def test_each_extractor_reads_with_the_atlas_it_was_given(tmp_path: Path) -> None:
    from chipmap.atlas import default_atlas, load_atlas
    from chipmap.extract import Extractor
    from chipmap.records import Article

    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(OVERLAY, encoding="utf-8")
    plain, extended = Extractor(atlas=default_atlas()), Extractor(atlas=load_atlas(overlay=overlay))
    assert plain.nlp is not extended.nlp  # one pipeline per atlas, in one process
    doc = extended.nlp(ARTICLE)
    assert "org:qiantang-quantum" in {ent.ent_id_ for ent in doc.ents}
    assert "org:qiantang-quantum" not in {ent.ent_id_ for ent in plain.nlp(ARTICLE).ents}
    found = extended.extract(Article(id="q", text=ARTICLE))
    assert any(o.atlas_id == "org:qiantang-quantum" for o in found.organizations)
