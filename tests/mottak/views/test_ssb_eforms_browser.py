"""Browser test: staff import e-form receipts from a file, read the preview, confirm, and
see the receipts in the overview."""

import pytest
from playwright.sync_api import expect

from mottak.models import ObligationMark
from tests.browser import login, needs_chromium
from tests.ssb_fixtures import kommuner_2020, round_2020_std  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.mark.django_db(transaction=True)
def test_staff_import_eform_receipts_in_bulk(
    browser,
    live_server,
    kommuner_2020,  # noqa: F811
    round_2020_std,  # noqa: F811
    staff,
    tmp_path,
):
    bad = tmp_path / "feil.csv"
    bad.write_text("kommune;skjema;mottatt\n4601;7;2021-02-10 09:15\n1201;7;2021-02-10\n")
    good = tmp_path / "mottak.csv"
    good.write_text(
        "kommune;skjema;mottatt\n4601;7;10.02.2021 09:15\n0301;7B;2021-02-18 08:00\n"
        "5001;12;2021-02-01 12:00\n"
    )
    page = login(browser, live_server, "siri")
    page.goto(f"{live_server.url}/ssb/oversikt/2020/")
    page.get_by_role("link", name="Importer e-skjemamottak").click()
    expect(page.get_by_role("heading", name="Registrer mottatte e-skjema for 2020")).to_be_visible()

    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="Vis hva som blir registrert").click()
    expect(page.locator("#eform-invalid-kommuner")).to_contain_text("1201")
    expect(page.locator("#eform-confirm")).to_have_count(0)

    page.set_input_files("#id_file", str(good))
    page.get_by_role("button", name="Vis hva som blir registrert").click()
    expect(page.locator('[data-count="new"]')).to_have_text("3")
    assert ObligationMark.objects.count() == 0
    page.locator("#eform-confirm").click()
    expect(page.get_by_text("3 nye og 0 endrede e-skjemamottak registrert")).to_be_visible()
    assert ObligationMark.objects.filter(kind="eform_received").count() == 3

    page.goto(f"{live_server.url}/ssb/oversikt/2020/?skjema=7B&q=0301")
    row = page.locator("table.overview tbody tr").first
    expect(row).to_contain_text("18.02")
    expect(row).to_contain_text("for sent")
