"""The authorization matrix (issue 10): every named URL of the URL conf x every persona.

The URL list is generated from `get_resolver()`: a named URL that is not classified below
fails `test_every_url_is_classified`, so a new URL cannot be forgotten. The protected object
is an Oslo delivery of bydel 05 (with its report); its owner is a bydel-05 user.

Outcomes: "200", "401", "403", "404", "405", "login" (302 to the portal login),
"admin_login" (302 to the admin login, which is also the second-factor verify page) and
"redirect" (another 302).
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from mottak.models import Delivery, Kommune, Report
from tests.factories import UserFactory

PERSONAS = (
    "anonymous",
    "owner",
    "other_kommune",
    "same_kommune_other_role",
    "other_bydel",
    "staff_no_otp",
    "staff_otp",
)


def row(*outcomes: str) -> dict[str, str]:
    assert len(outcomes) == len(PERSONAS)
    return dict(zip(PERSONAS, outcomes, strict=True))


#                 anon     owner  other-k same-k  bydel  staff-no-otp  staff-otp
PUBLIC = row("200", "200", "200", "200", "200", "admin_login", "200")
KOMMUNE_PAGE = row("login", "200", "200", "200", "200", "admin_login", "200")
OWN_DELIVERY = row("login", "200", "404", "404", "404", "admin_login", "200")
STAFF_PAGE = row("login", "404", "404", "404", "404", "admin_login", "200")
STAFF_POST = row("login", "404", "404", "404", "404", "admin_login", "405")
POST_ONLY = row("login", "405", "405", "405", "405", "admin_login", "405")

# name -> (query string, expected outcome per persona). Admin and django-rq are classified by
# namespace in `_classify` below.
EXPECTED: dict[str, tuple[str, dict[str, str]]] = {
    "healthz": ("", row(*["200"] * 7)),  # answers everyone (details: the sec branch)
    "login": ("", PUBLIC),
    "logout": ("", row("405", "405", "405", "405", "405", "405", "405")),
    "set_language": ("", row("redirect", *["redirect"] * 4, "redirect", "redirect")),
    "password_reset": ("", PUBLIC),
    "password_reset_done": ("", PUBLIC),
    "password_reset_confirm": ("", PUBLIC),  # an invalid link: the page says so
    "password_reset_complete": ("", PUBLIC),
    "password_change": ("", KOMMUNE_PAGE),
    "password_change_done": ("", KOMMUNE_PAGE),
    "mottak:home": ("", row("login", *["redirect"] * 4, "admin_login", "redirect")),
    "mottak:status": ("?kommune=0301", KOMMUNE_PAGE),
    "mottak:upload": ("?kommune=0301", KOMMUNE_PAGE),
    "mottak:parts_declare": ("", POST_ONLY),
    "mottak:no_participants": ("", POST_ONLY),
    "mottak:delivery": ("", OWN_DELIVERY),
    "mottak:delivery_json": ("", OWN_DELIVERY),
    "mottak:report": ("", OWN_DELIVERY),
    "mottak:report_csv": ("", OWN_DELIVERY),
    "mottak:keys": ("", PUBLIC),
    "mottak:key_pem": ("", row(*["404"] * 5, "admin_login", "404")),  # no such key
    "mottak:krypter": ("", PUBLIC),
    "mottak:verktoy": ("", PUBLIC),
    "mottak:kontroller": ("", PUBLIC),
    "mottak:verktoy_checker": ("", PUBLIC),
    "mottak:profile": ("", KOMMUNE_PAGE),
    # Only a KOSTRA contact (other_kommune is Bergen's) manages users; staff use the admin.
    "mottak:users": ("", row("login", "404", "200", "404", "404", "admin_login", "404")),
    "mottak:reminders": ("", KOMMUNE_PAGE),
    "mottak:feedback_lists": ("", row("login", "200", "200", "200", "200", "admin_login", "404")),
    "mottak:feedback_answer": ("", row("login", *["404"] * 4, "admin_login", "404")),
    "mottak:api_keys": ("", row("200", "200", "200", "200", "200", "403", "200")),
    "mottak:api_schema": ("", row("200", "200", "200", "200", "200", "403", "200")),
    # GET lists the caller's own kommune's deliveries, so every signed-in user gets 200.
    "mottak:api_deliveries": ("", row("401", "200", "200", "200", "200", "403", "200")),
    # The readable API page lies under /api/: the second-factor check answers JSON there.
    "mottak:api_docs": ("", row("200", "200", "200", "200", "200", "403", "200")),
    # A staff user has no kommune of their own: the status answer asks for one (400).
    "mottak:api_status": ("", row("401", "200", "200", "200", "200", "403", "400")),
    "mottak:api_parts": ("", row("401", "405", "405", "405", "405", "403", "405")),
    "mottak:api_no_participants": ("", row("401", "405", "405", "405", "405", "403", "405")),
    "mottak:api_delivery": ("", row("401", "200", "404", "404", "404", "403", "200")),
    "mottak:ssb_home": ("", row("login", "404", "404", "404", "404", "admin_login", "redirect")),
    "mottak:ssb_overview": ("", STAFF_PAGE),
    "mottak:ssb_overview_csv": ("", row("403", "404", "404", "404", "404", "admin_login", "200")),
    "mottak:ssb_overview_xlsx": ("", row("403", "404", "404", "404", "404", "admin_login", "200")),
    "mottak:ssb_kommune": ("", STAFF_PAGE),
    "mottak:ssb_kommune_action": ("", STAFF_POST),
    "mottak:ssb_intake": ("", STAFF_PAGE),
    "mottak:ssb_errors": ("", STAFF_PAGE),
    "mottak:ssb_nav": ("", STAFF_PAGE),
    "mottak:ssb_feedback_index": ("", STAFF_PAGE),
    "mottak:ssb_feedback_create": ("", STAFF_POST),
    "mottak:ssb_feedback": ("", row("login", *["404"] * 4, "admin_login", "404")),
    "mottak:ssb_feedback_send": ("", STAFF_POST),
    "mottak:ssb_feedback_decide": ("", STAFF_POST),
    "mottak:ssb_audit": ("", STAFF_PAGE),
    # Development mail: only with DEBUG (tests run without it), so 404 for everyone here.
    "mottak:ssb_dev_mail": ("", row(*["404"] * 5, "admin_login", "404")),
    "mottak:ssb_eform_import": ("", STAFF_PAGE),
    "mottak:ssb_eform_import_confirm": ("", STAFF_POST),
    "mottak:ssb_eform_mark": ("", STAFF_POST),
    "mottak:ssb_feedback_answer_by": ("", STAFF_POST),
    "mottak:ssb_invalid_accounts": ("", STAFF_PAGE),
    "mottak:ssb_nav_confirm": ("", STAFF_POST),
    "mottak:ssb_exports": ("", STAFF_PAGE),
    "mottak:ssb_export_download": ("", row("login", *["404"] * 4, "admin_login", "404")),
}

# The admin: for staff only; django-rq (its own pages and its admin copies): superusers only.
ADMIN_STAFF_OTP = ("200", "403", "404", "redirect", "admin_login")
ADMIN = row("admin_login", *["admin_login"] * 4, "admin_login", "any-admin")
DJANGO_RQ = row("admin_login", *["404"] * 4, "admin_login", "any-rq")
# A verified superuser reaches django-rq's views; some of them fail on their own for a
# missing job or worker (500, django-rq's behaviour, not an authorization answer).
RQ_STAFF_OTP = ("200", "403", "404", "405", "500", "redirect")


def _walk(resolver, namespace=()):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p, namespace + ((p.namespace,) if p.namespace else ()))
        elif isinstance(p, URLPattern) and p.name:
            yield ":".join((*namespace, p.name)), p


def url_names() -> list[str]:
    return sorted({name for name, _p in _walk(get_resolver())})


def _classify(name: str) -> tuple[str, dict[str, str]] | None:
    if name in EXPECTED:
        return EXPECTED[name]
    if name.startswith("django_rq:") or name.startswith("admin:django_rq_"):
        return "", DJANGO_RQ
    if name.startswith("admin:"):
        if name == "admin:login":
            return "", row("200", *["200"] * 4, "200", "redirect")
        if name == "admin:otp_totp_totpdevice_qrcode":  # 503 without the qrcode package
            return "", row(*["admin_login"] * 6, "200-or-503")
        if name == "admin:logout":  # POST only; admin_view redirects others first
            return "", row(*["redirect"] * 6, "405")
        return "", ADMIN
    return None


def test_every_url_is_classified():
    unclassified = [n for n in url_names() if _classify(n) is None]
    assert unclassified == [], f"classify these URLs in {__name__}: {unclassified}"
    stale = [n for n in EXPECTED if n not in url_names()]
    assert stale == []


SAMPLE_KWARGS = {
    "aar": 2020,
    "skjema": "11F",
    "nummer": "0301",
    "key_id": "0" * 16,
    "uidb64": "MQ",
    "token": "ugyldig",
    "item_pk": 999999,
    "queue_index": 0,
    "connection_index": 0,
    "scheduler_index": 0,
    "scheduler_name": "ingen",
    "cron_job_name": "ingen",
    "job_id": "matrise-jobb",
    "result_id": "ingen",
    "key": "ingen",
    "object_id": "999999",
    "app_label": "mottak",
    "content_type_id": 999999,
}


def _url(name: str, delivery_pk: int, device_pk: int) -> str:
    pattern = dict(_walk(get_resolver()))[name]
    names = set(pattern.pattern.converters) if hasattr(pattern.pattern, "converters") else set()
    names |= set(pattern.pattern.regex.groupindex)
    kwargs = {}
    for arg in names:
        if arg == "pk":
            kwargs[arg] = delivery_pk if name.startswith("mottak:") else device_pk
        elif arg in SAMPLE_KWARGS:
            kwargs[arg] = SAMPLE_KWARGS[arg]
        else:
            kwargs[arg] = "x"
    if name.endswith("home_json"):
        kwargs = {}
    if name == "admin:app_list":
        kwargs = {"app_label": "mottak"}
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def world(db, settings, queue):
    """The personas, an Oslo bydel-05 delivery with its report, and a queued job (django-rq's
    job pages need one)."""
    settings.STAFF_REQUIRE_OTP = True
    queue.enqueue("builtins.len", "x", job_id="matrise-jobb")
    Kommune.objects.create(nummer="0301", navn="Oslo", fylke="Oslo", gyldig_fra=2020)
    now = timezone.now()
    owner = UserFactory(username="berit", kommune_nr="0301", bydel="05", role="nav")
    delivery = Delivery.objects.create(
        kommune_nr="0301", bydel="05", part="05", skjema="11F", aar=2020, state="accepted",
        state_changed_at=now, ciphertext="x.enc", sha256="0" * 64, size=1, key_id="k",
        receipt="KOSTRA-TEST-1", uploaded_by=owner, received_at=now, checked_at=now,
        accepted=True, records=0,
    )  # fmt: skip
    Report.objects.create(delivery=delivery, created_at=now, accepted=True, summary={})
    staff = UserFactory(username="siri", is_staff=True, is_superuser=True, kommune_nr="")
    device = TOTPDevice.objects.create(user=staff, name="mobil", confirmed=True)
    users = {
        "owner": owner,
        "other_kommune": UserFactory(username="kari", kommune_nr="4601", role="kontakt"),
        "same_kommune_other_role": UserFactory(username="nils", kommune_nr="0301", role="nav"),
        "other_bydel": UserFactory(username="bjorn", kommune_nr="0301", bydel="06", role="nav"),
        "staff_no_otp": staff,
        "staff_otp": staff,
    }
    return {"users": users, "device": device, "delivery": delivery}


def _client(world, persona: str, *, rq: bool = False) -> Client:
    client = Client(raise_request_exception=not (rq and persona == "staff_otp"))
    if persona == "anonymous":
        return client
    client.force_login(world["users"][persona])
    if persona == "staff_otp":
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = world["device"].persistent_id
        session.save()
    return client


def _outcome(response) -> str:
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    if location.startswith(reverse("login")):
        return "login"
    if location.startswith(reverse("admin:login")):
        return "admin_login"
    return "redirect"


def _matches(expected: str, outcome: str) -> bool:
    if expected == "any-admin":
        return outcome in ADMIN_STAFF_OTP
    if expected == "200-or-503":
        return outcome in ("200", "503")
    if expected == "any-rq":
        return outcome in RQ_STAFF_OTP
    return expected == outcome


@pytest.mark.parametrize("name", url_names())
def test_authorization_matrix(world, name):
    classified = _classify(name)
    assert classified is not None, f"unclassified URL {name}"
    query, expected = classified
    url = _url(name, world["delivery"].pk, world["device"].pk) + query
    rq = expected is DJANGO_RQ
    got = {}
    for persona in PERSONAS:
        got[persona] = _outcome(_client(world, persona, rq=rq).get(url))
    wrong = {p: got[p] for p in PERSONAS if not _matches(expected[p], got[p])}
    assert wrong == {}, f"{name} {url}: expected {expected}, got {got}"
