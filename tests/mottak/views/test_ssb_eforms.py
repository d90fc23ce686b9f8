"""Staff pages for e-form receipts: file import with preview and confirm, bulk marking."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mottak.models import ObligationMark
from tests.ssb_fixtures import kommuner_2020, round_2020_std  # noqa: F401 - fixtures

pytestmark = pytest.mark.usefixtures("kommuner_2020", "round_2020_std")

CSV = b"kommune;skjema;mottatt\n4601;7;10.02.2021 09:15\n0301;12;2021-02-18 08:00\n"


def csv_upload(content: bytes = CSV):
    return SimpleUploadedFile("mottak.csv", content, content_type="text/csv")


def test_outsider_gets_404_and_anonymous_is_sent_to_login(client, outsider):
    url = reverse("mottak:ssb_eform_import", args=[2020])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.post(reverse("mottak:ssb_eform_import_confirm", args=[2020])).status_code == 404
    assert client.post(reverse("mottak:ssb_eform_mark", args=[2020])).status_code == 404


def test_preview_then_confirm_registers_receipts(client, staff):
    client.force_login(staff)
    url = reverse("mottak:ssb_eform_import", args=[2020])
    html = client.post(url, {"file": csv_upload()}).content.decode()
    assert 'data-count="new">2<' in html and "eform-confirm" in html
    assert ObligationMark.objects.count() == 0  # the preview stores nothing
    response = client.post(reverse("mottak:ssb_eform_import_confirm", args=[2020]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("mottak:ssb_overview", args=[2020])
    assert "2 nye og 0 endrede" in response.content.decode()
    assert set(ObligationMark.objects.values_list("kommune_nr", "skjema")) == {
        ("4601", "7"),
        ("0301", "12"),
    }
    # Confirming twice does nothing: the preview is used up.
    again = client.post(reverse("mottak:ssb_eform_import_confirm", args=[2020]), follow=True)
    assert "ingen forhåndsvisning" in again.content.decode()


def test_file_with_an_invalid_kommune_cannot_be_confirmed(client, staff):
    client.force_login(staff)
    url = reverse("mottak:ssb_eform_import", args=[2020])
    html = client.post(url, {"file": csv_upload(CSV + b"1201;7;2021-02-01 10:00\n")}).content
    html = html.decode()
    assert "eform-invalid-kommuner" in html and "1201" in html
    assert "eform-confirm" not in html
    client.post(reverse("mottak:ssb_eform_import_confirm", args=[2020]))
    assert ObligationMark.objects.count() == 0


def test_bulk_mark_from_the_overview(client, staff):
    client.force_login(staff)
    html = client.get(reverse("mottak:ssb_overview", args=[2020]) + "?skjema=7").content.decode()
    assert 'id="eform-mark"' in html and 'name="kommune" value="4601"' in html
    response = client.post(
        reverse("mottak:ssb_eform_mark", args=[2020]),
        {
            "skjema": "7",
            "received_at": "2021-02-16T10:30",
            "kommune": ["4601", "0301"],
            "query": "skjema=7",
        },
    )
    assert response.status_code == 302 and response.url.endswith("?skjema=7")
    marks = ObligationMark.objects.filter(kind="eform_received", skjema="7")
    assert sorted(m.kommune_nr for m in marks) == ["0301", "4601"]
    html = client.get(reverse("mottak:ssb_overview", args=[2020]) + "?skjema=7").content.decode()
    assert 'name="kommune" value="4601"' not in html  # already registered: no checkbox


def test_no_marking_form_for_a_file_form(client, staff):
    client.force_login(staff)
    html = client.get(reverse("mottak:ssb_overview", args=[2020]) + "?skjema=11F").content
    assert b'id="eform-mark"' not in html
