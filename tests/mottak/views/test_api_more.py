"""Machine API for a real integration: typed OpenAPI, the delivery list, each form's state for
a year, parts and "ingen deltakere" by API, and the readable API page at /api/."""

from datetime import timedelta

import pytest
import yaml
from django.urls import reverse
from rest_framework.test import APIClient

from mottak.models import DeclaredPart, NoParticipantsDeclaration
from mottak.services import deliveries as svc
from mottak.services.calendar import DeliveryJudgement
from tests.delivery_fixtures import *  # noqa: F403
from tests.delivery_fixtures import JAN_10, envelope, upload

pytestmark = pytest.mark.usefixtures("media_root", "round_2020")


@pytest.fixture
def api(kontakt_bergen, api_key_for):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(kontakt_bergen)}")
    return client


@pytest.fixture
def open_now(monkeypatch):
    monkeypatch.setattr(
        svc, "_judge", lambda **kw: DeliveryJudgement(refused=False, message="", code="on_time")
    )


@pytest.fixture
def accepted_then_rejected(kontakt_bergen, portal_keys, fake_kontroll):
    result = []
    for data, minutes in ((b"ok\n", 0), (b"FEIL\n", 5)):
        at = JAN_10 + timedelta(minutes=minutes)
        d = svc.submission_create(
            user=kontakt_bergen, kommune_nr="4601", skjema="11F", aar=2020,
            file=upload(envelope(portal_keys, data)), now=at, enqueue=False,
        )  # fmt: skip
        svc.submission_run_control(delivery_id=d.pk, now=at)
        result.append(d)
    return result


def schema(client) -> dict:
    return yaml.safe_load(client.get("/api/v1/schema/").content)


def test_schema_types_the_upload_and_the_answers(client, db):
    doc = schema(client)
    upload_schema = doc["components"]["schemas"]["DeliveryUpload"]["properties"]
    assert upload_schema["file"] == {
        "type": "string", "format": "binary",
        "description": "Den krypterte konvolutten (docs/envelope.md).",
    }  # fmt: skip
    assert "check_only" in upload_schema and "del" in upload_schema
    assert "bare kontroll" in upload_schema["check_only"]["description"]
    status = doc["components"]["schemas"]["DeliveryStatus"]["properties"]
    assert status["findings"]["items"] == {"$ref": "#/components/schemas/Finding"}
    assert "counts" in doc["components"]["schemas"]["Summary"]["properties"]
    post = doc["paths"]["/api/v1/deliveries/"]["post"]["responses"]
    assert "frysperiode" in post["202"]["description"] and post["413"]["description"]
    assert {"/api/v1/status/{aar}/", "/api/v1/parts/", "/api/v1/no-participants/"} <= set(
        doc["paths"]
    )


def test_delivery_list_marks_the_one_that_counts(
    api, accepted_then_rejected, outsider, api_key_for
):
    good, bad = accepted_then_rejected
    data = api.get("/api/v1/deliveries/?aar=2020").json()["deliveries"]
    assert [d["receipt"] for d in data] == [bad.receipt, good.receipt]
    assert [d["counts"] for d in data] == [False, True]
    assert data[0]["state"] == "rejected" and data[0]["status_url"].endswith(f"/{bad.pk}/")
    assert api.get("/api/v1/deliveries/?aar=2021").json() == {"deliveries": []}
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(outsider)}")
    assert other.get("/api/v1/deliveries/").json() == {"deliveries": []}


def test_year_status_gives_each_form_its_state_deadline_and_effective(api, accepted_then_rejected):
    good, _bad = accepted_then_rejected
    data = api.get("/api/v1/status/2020/").json()
    assert data["kommune"] == "4601" and data["reception"]["state"] == "closed"
    assert "frist for rettinger var 30. april 2021" in data["reception"]["message"]
    forms = {f["skjema"]: f for f in data["forms"]}
    assert forms["11F"]["state"] == "accepted" and forms["11F"]["deadline"] == "2021-01-15"
    assert [e["receipt"] for e in forms["11F"]["effective"]] == [good.receipt]
    assert forms["11CF"]["state"] == "not_delivered" and forms["11CF"]["effective"] == []
    assert forms["12"]["takes_files"] is False


def test_parts_by_api(api, kontakt_bergen):
    response = api.post("/api/v1/parts/", {"skjema": "11F", "aar": 2020, "deler": "nav, flyktning"})
    assert response.status_code == 200
    assert response.json()["parts"] == ["flyktning", "nav"]
    assert DeclaredPart.objects.count() == 2
    bad = api.post("/api/v1/parts/", {"skjema": "11F", "aar": 2020, "deler": "nav"})
    assert bad.status_code == 400 and "minst to deler" in bad.json()["error"]


def test_no_participants_by_api(api, open_now):
    refused = api.post("/api/v1/no-participants/", {"aar": 2020}, format="json")
    assert refused.status_code == 400 and "Bekreft" in refused.json()["error"]
    response = api.post("/api/v1/no-participants/", {"aar": 2020, "bekreft": True}, format="json")
    assert response.status_code == 201
    decl = NoParticipantsDeclaration.objects.get()
    assert response.json()["receipt"] == decl.receipt and decl.receipt.startswith("E2020-4601-")
    status = api.get("/api/v1/status/2020/").json()
    cf = next(f for f in status["forms"] if f["skjema"] == "11CF")
    assert cf["state"] == "no_participants" and cf["no_participants"]["receipt"] == decl.receipt


def test_new_endpoints_need_a_token(db):
    for method, url in (("get", "/api/v1/status/2020/"), ("post", "/api/v1/parts/"),
                        ("post", "/api/v1/no-participants/")):  # fmt: skip
        response = getattr(APIClient(), method)(url)
        assert response.status_code == 401, url


def test_api_page_is_rendered_from_the_schema_without_external_assets(client, db):
    response = client.get(reverse("mottak:api_docs"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "POST /api/v1/deliveries/" in html and "GET /api/v1/status/{aar}/" in html
    assert "string (binary)" in html and "check_only" in html
    assert "Lever en kryptert fil" in html and "Filen er for stor." in html
    assert "https://" not in html.replace(response.wsgi_request.build_absolute_uri("/"), "")
    assert "<script src=" not in html
