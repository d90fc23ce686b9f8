"""The English catalogue is complete, keeps its placeholders, and is what the portal serves."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import ngettext

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%|\{\w*\}")


def _read_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (list), flags.

    Obsolete entries (#~) are skipped: gettext ignores them.
    """
    entries: list[dict] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"flags": set(), "msgstr": []}
        field = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                value = ast.literal_eval(line)
                if field == "msgstr":
                    entry["msgstr"][-1] += value
                else:
                    entry[field] += value
            else:
                keyword, _, literal = line.partition(" ")
                value = ast.literal_eval(literal)
                if keyword.startswith("msgstr"):
                    field = "msgstr"
                    entry["msgstr"].append(value)
                else:
                    field = keyword
                    entry[keyword] = value
        if "msgid" in entry:
            entries.append(entry)
    return entries


def _messages() -> list[dict]:
    return [e for e in _read_po(CATALOGUE / "django.po") if e["msgid"]]


def test_english_catalogue_has_no_untranslated_or_fuzzy_entries():
    entries = _messages()
    assert len(entries) > 600
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_plural_entries_have_both_english_forms():
    plurals = [e for e in _messages() if "msgid_plural" in e]
    assert plurals
    assert all(len(e["msgstr"]) == 2 for e in plurals)


def test_english_translations_keep_every_placeholder():
    wrong = []
    for entry in _messages():
        sources = [entry["msgid"]]
        if "msgid_plural" in entry:
            sources.append(entry["msgid_plural"])
        for source, target in zip(sources, entry["msgstr"], strict=True):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
                wrong.append((source, target))
            if source.endswith("\n") != target.endswith("\n"):
                wrong.append((source, target))
    assert wrong == []


def test_committed_mo_file_matches_the_po_file():
    with open(CATALOGUE / "django.mo", "rb") as fp:
        compiled = gettext.GNUTranslations(fp)
    stale = []
    for entry in _messages():
        context = entry.get("msgctxt")
        if "msgid_plural" in entry:
            got = [
                compiled.npgettext(context, entry["msgid"], entry["msgid_plural"], n)
                if context
                else compiled.ngettext(entry["msgid"], entry["msgid_plural"], n)
                for n in (1, 2)
            ]
        else:
            got = [
                compiled.pgettext(context, entry["msgid"])
                if context
                else compiled.gettext(entry["msgid"])
            ]
        if got != entry["msgstr"]:
            stale.append(entry["msgid"])
    assert stale == []


def test_plural_forms_follow_the_count_in_english():
    with translation.override("en"):
        assert ngettext("%(n)s kommune", "%(n)s kommuner", 1) % {"n": 1} == "1 municipality"
        assert ngettext("%(n)s kommune", "%(n)s kommuner", 3) % {"n": 3} == "3 municipalities"


@pytest.mark.django_db
def test_login_page_is_english_with_the_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/logg-inn/").content.decode()
    assert "Username" in page
    assert "Password" in page
    assert "Log in" in page
    assert "Brukernavn" not in page
    assert "Passord" not in page


@pytest.mark.django_db
def test_login_page_stays_bokmaal_without_the_cookie(client):
    page = client.get("/logg-inn/").content.decode()
    assert "Brukernavn" in page
    assert "Username" not in page
