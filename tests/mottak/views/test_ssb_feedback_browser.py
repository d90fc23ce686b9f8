"""Browser test: staff make a feedback list by rule on the kommune page (nothing pre-ticked,
one question per rule with its count), send it, and the kommune sees one question per rule."""

import pytest
from playwright.sync_api import expect

from mottak.models.ssb import FeedbackList
from tests.browser import login, needs_chromium
from tests.ssb_fixtures import deliveries_2020, kommuner_2020, round_2020_std  # noqa: F401

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.mark.django_db(transaction=True)
def test_staff_make_a_feedback_list_by_rule(
    browser,
    live_server,
    deliveries_2020,  # noqa: F811
    kontakt_bergen,
):
    siri = login(browser, live_server, "siri")
    siri.goto(f"{live_server.url}/ssb/kommune/2020/4601/")
    form = siri.locator("form", has_text="Lag feilliste for 11F")
    assert form.locator("input[type=checkbox]:checked").count() == 0
    rule = form.locator("label", has_text="005A")
    expect(rule).to_contain_text("2 funn")  # lines 4 and 9 of Bergen's accepted 11F
    rule.locator("input[name=rule]").check()
    form.locator("input[name=title]").fill("Spørsmål om 005A")
    form.get_by_role("button", name="Lag feilliste for 11F").click()
    expect(siri.locator("ol.feedback-items > li")).to_have_count(1)
    expect(siri.locator("ol.feedback-items > li").first).to_contain_text("linje 4, 9")
    siri.get_by_role("button", name="Send til kommunen").click()
    expect(siri.locator(".feedback-state")).to_have_text("Sendt")
    [fl] = FeedbackList.objects.all()
    assert [i.rule for i in fl.items.all()] == ["005A"]

    kari = login(browser, live_server, "kari")
    kari.goto(f"{live_server.url}/feillister/{fl.pk}/")
    expect(kari.locator("ol.feedback-items > li")).to_have_count(1)
