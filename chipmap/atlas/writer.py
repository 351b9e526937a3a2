"""Write atlas entries in the one canonical layout: sorted by id, fields in model
order, empty fields left out, short lists on one line.

A canonical layout keeps diffs to the lines that changed, whoever edits the
files; ``chipmap atlas format`` rewrites the bundled files in it and a test
checks they stay so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from chipmap.atlas.models import Organization, Place

HEADERS = {
    "places.yaml": "# Places of the chipmap atlas: countries, provinces, cities, districts, zones, parks\n"
    "# and regions. Sorted by id; written by `chipmap atlas format`. See chipmap/atlas/models.py.\n",
    "organizations.yaml": "# Organisations of the chipmap atlas: companies, government bodies, academia,\n"
    "# associations, investors and media. Sorted by id; written by `chipmap atlas format`.\n"
    "# See chipmap/atlas/models.py.\n",
}


def _scalar(value: object) -> str:
    """A YAML scalar: JSON-quoted when plain YAML could misread it."""
    text = str(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return text
    plain = (
        text
        and text.strip() == text
        and not any(c in text for c in "#,[]{}&*!|>'\"%@`")
        and ": " not in text
        and not text.endswith(":")
        and text.lower() not in {"null", "true", "false", "yes", "no", "on", "off", "~"}
        and not text[0].isdigit()
        and not text.startswith(("-", "?"))
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


#: Field order in the files: identity, names, what it is, where, links, provenance.
FIELD_ORDER = ("id", "name", "name_zh", "aliases", "ambiguous", "kind", "segments", "zone",
               "part_of", "lat", "lon", "headquarters", "sites", "parent", "founded", "listings",
               "registration", "citation")


def _entry_lines(entry: Organization | Place) -> list[str]:
    data = entry.model_dump(exclude_defaults=True)
    lines = [f"- id: {entry.id}"]
    for key in sorted(data, key=FIELD_ORDER.index):
        value = data[key]
        if key == "id" or value in (None, [], ""):
            continue
        if key == "sites":
            lines.append("  sites:")
            for site in value:
                inner = ", ".join(f"{k}: {_scalar(v)}" for k, v in site.items() if v not in (None, ""))
                lines.append(f"  - {{{inner}}}")
        elif isinstance(value, list):
            lines.append(f"  {key}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            lines.append(f"  {key}: {_scalar(value)}")
    return lines


def dump(entries: Iterable[Organization | Place], header: str = "") -> str:
    """The canonical text of a list of entries."""
    lines = [header.rstrip("\n")] if header else []
    for entry in sorted(entries, key=lambda e: e.id):
        lines.extend(_entry_lines(entry))
    return "\n".join(lines) + "\n"


def write_bundled(orgs: Iterable[Organization], places: Iterable[Place], data_dir: Path) -> list[Path]:
    """Rewrite the data folder as one organisations file and one places file."""
    written = []
    for name, entries in (("organizations.yaml", list(orgs)), ("places.yaml", list(places))):
        path = data_dir / name
        path.write_text(dump(entries, HEADERS[name]), encoding="utf-8")
        written.append(path)
    return written
