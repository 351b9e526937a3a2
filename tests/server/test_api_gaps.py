"""Gap candidates through HTTP: filters and "as of" as query parameters, and the dashboard's filter form."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

URL = "/api/v1/clusters/Shaoxing/gaps"


def test_filters_narrow_the_candidates(client: TestClient) -> None:
    everyone = client.get(URL, params={"limit": 100}).json()
    body = client.get(URL, params={"limit": 100, "origin": "domestic", "segment": "manufacturing"}).json()
    assert body["filters"] == {"segment": "manufacturing", "origin": "domestic"}
    assert body["candidates"] and body["candidate_total"] < everyone["candidate_total"]
    assert all(c["origin"] == "domestic" and "manufacturing" in c["segments"] for c in body["candidates"])
    kept = [c["org"]["id"] for c in everyone["candidates"] if c["origin"] == "domestic"
            and "manufacturing" in c["segments"]]
    assert kept and [c["org"]["id"] for c in body["candidates"]][:len(kept)] == kept


def test_province_and_size(client: TestClient) -> None:
    body = client.get(URL, params={"province": "Jiangsu", "size": "mid"}).json()
    assert body["filters"] == {"province": "place:jiangsu", "size": "mid"}
    assert all(c["home_province"]["id"] == "place:jiangsu" and c["size"] == "mid" for c in body["candidates"])


def test_as_of(client: TestClient) -> None:
    response = client.get(URL, params={"as_of": "2017-01-01"})
    assert response.status_code == 200 and response.json()["candidates"]


@pytest.mark.parametrize(("params", "status"), [({"segment": "chips"}, 422), ({"size": "huge"}, 422),
                                                 ({"origin": "martian"}, 422), ({"province": "Atlantis"}, 404),
                                                 ({"as_of": "soon"}, 422)])
def test_bad_filters_are_4xx(client: TestClient, params: dict[str, str], status: int) -> None:
    assert client.get(URL, params=params).status_code == status


def test_dashboard_gaps_section_has_a_filter_form_that_filters(client: TestClient) -> None:
    html = client.get("/cluster/Shaoxing").text
    assert 'aria-label="Filter candidates"' in html and 'name="origin"' in html and 'name="province"' in html
    filtered = client.get("/cluster/Shaoxing", params={"origin": "foreign", "size": "large"})
    assert filtered.status_code == 200
    assert '<option value="foreign" selected>' in filtered.text and "foreign, large" in filtered.text
    assert "domestic, " not in filtered.text.split("Candidates to attract")[1].split("</ol>")[0]
