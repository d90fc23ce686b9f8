"""Demo deliveries for 2020: varied states through the real control program, once."""

from collections import Counter

from mottak.models import Delivery, NoParticipantsDeclaration
from mottak.models.ssb import NavImport
from mottak.selectors.overview import overview_get
from mottak.services.ssb_demo import ssb_demo_deliveries_create
from tests.calendar_fixtures import oslo
from tests.ssb_fixtures import kommuner_2020, round_2020_std  # noqa: F401 - fixtures


def test_demo_deliveries_cover_the_states_and_run_once(
    kommuner_2020,  # noqa: F811
    round_2020_std,  # noqa: F811
    tmp_keys,
    media_root,
    staff,
):
    result = ssb_demo_deliveries_create(now=oslo(2021, 2, 1))
    assert result["deliveries"] > 0 and result["controlled_here"] == 1
    assert not Delivery.objects.filter(kommune_nr__in=["4601", "0301"]).exists()
    assert NoParticipantsDeclaration.objects.filter(aar=2020).exists()
    assert NavImport.objects.filter(aar=2020).count() == 1
    states = Counter(
        c.state
        for r in overview_get(aar=2020, today=oslo(2021, 2, 1).date()).rows
        for c in r.cells
        if c.skjema in ("11F", "11CF")
    )
    assert states["accepted"] and states["accepted_with_warnings"] and states["no_participants"]
    assert states["parts_missing"] == 1  # Trondheim: nav delivered, flyktning missing
    assert ssb_demo_deliveries_create(now=oslo(2021, 2, 2)) == {"deliveries": 0}
