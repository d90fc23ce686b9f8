"""The message catalogue (kontroll.messages): every rule title and message in bokmål and
English, findings carry the message id and values, and nothing holds an id number."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from sosialhjelp_records import fnr, record, run

import kontroll
from kontroll import cli, run_control
from kontroll.layout import available_years
from kontroll.messages import LABELS, MESSAGES, Message, Text, placeholders, render, translate
from kontroll.personvern import MASK, mask_text
from kontroll.registry import rules_for

PACKAGE = Path(kontroll.__file__).resolve().parent
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "kontroll"
_T_CALL = re.compile(r'\bT\("([^"]+)"\)')


def _source_ids() -> set[str]:
    return {m for p in PACKAGE.rglob("*.py") for m in _T_CALL.findall(p.read_text("utf-8"))}


def test_every_message_has_bokmal_and_english_with_the_same_placeholders():
    for message_id, (nb, en) in MESSAGES.items():
        assert nb.strip() and en.strip(), message_id
        assert placeholders(nb) == placeholders(en), message_id


def test_every_id_in_the_code_is_in_the_catalogue_and_every_entry_is_used():
    used = _source_ids() | {"common.joined.1"}
    assert used - set(MESSAGES) == set()
    assert set(MESSAGES) - used == set()


def test_every_rule_title_of_every_year_has_english():
    for skjema in ("11F", "11CF"):
        for aar in available_years(skjema):
            for r in rules_for(skjema, aar):
                assert isinstance(r.title, Text | Message), (skjema, r.id)
                english = translate(r.title, "en")
                assert english.startswith("Control "), (skjema, aar, r.id, english)


def test_every_report_label_has_english():
    sources = ["report.py", "report_html.py", "report_csv.py", "statistics/common.py",
               "statistics/sosialhjelp.py",
               "statistics/kvalifisering.py"]  # fmt: skip
    texts = set()
    for name in sources:
        text = (PACKAGE / name).read_text("utf-8")
        texts |= set(re.findall(r'\b(?:N_|tr)\("((?:[^"\\]|\\.)*)"\)', text))
    assert texts and texts - set(LABELS) == set()
    for nb, en in LABELS.items():
        assert placeholders(nb) == placeholders(en), nb


def _golden_reports():
    for path in sorted(FIXTURES.glob("*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        data = path.with_name(path.name.removesuffix(".expected.json") + ".dat").read_bytes()
        yield run_control(
            skjema=expected["skjema"],
            aar=expected["aar"],
            data=data,
            kommune=expected["kommune"],
            bydel=expected["bydel"],
            has_participants=expected["has_participants"],
        )


def test_every_finding_of_the_golden_files_renders_from_its_id_and_values():
    count = 0
    for report in _golden_reports():
        for f in report.findings:
            assert f.message_id in MESSAGES, (f.rule, f.message)
            assert render(f.message_id, f.params, "nb") == f.message
            english = f.text("en")
            assert english and english != f.message, (f.rule, f.message_id)
            assert "{" not in english
            count += 1
    assert count > 500


def test_no_finding_holds_a_national_id_or_duf_number():
    for report in _golden_reports():
        dumped = json.dumps([f.as_dict() for f in report.findings], ensure_ascii=False)
        assert mask_text(dumped) == dumped


def test_an_id_typed_into_the_duf_field_is_masked_in_values_params_and_message():
    id_number = fnr(dt.date(1984, 6, 15), 345)
    report = run(2021, [record(2021, PERSON_FODSELSNR=" " * 11, PERSON_DUF=id_number + "0")])
    (finding,) = [f for f in report.findings if f.rule == "038"]
    dumped = json.dumps(finding.as_dict(), ensure_ascii=False)
    assert id_number not in dumped and MASK in dumped


def test_cli_lang_en_renders_messages_and_titles_in_english(tmp_path, capsys):
    path = tmp_path / "one.dat"
    path.write_bytes((record(2021, KJONN="7") + "\r\n").encode("iso-8859-1"))
    args = [str(path), "--skjema", "11F", "--aar", "2021", "--kommune", "4204"]
    assert cli.main([*args, "--lang", "en"]) == 1
    body = json.loads(capsys.readouterr().out)
    (finding,) = [f for f in body["findings"] if f["rule"] == "008"]
    assert finding["message_id"] == "11F.fail_code.1"
    assert finding["message"].startswith("The recipient's sex is missing or has an invalid code")
    assert body["summary"]["008"]["title"] == "Control 08 Sex"
    assert cli.main(args) == 1
    (nb,) = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] == "008"]
    assert (
        nb["message"].startswith("Mottakerens kjønn mangler") and nb["params"] == finding["params"]
    )


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_text_and_html_reports_in_each_language(tmp_path, capsys, lang):
    path = tmp_path / "one.dat"
    path.write_bytes((record(2021, KJONN="7") + "\r\n").encode("iso-8859-1"))
    args = [str(path), "--skjema", "11F", "--aar", "2021", "--kommune", "4204", "--lang", lang]
    cli.main([*args, "--format", "text"])
    text = capsys.readouterr().out
    cli.main([*args, "--format", "html"])
    page = capsys.readouterr().out
    if lang == "en":
        assert "Number of records: 1" in text and "Summary per control" in page
        assert "Control 08 Sex" in page and 'lang="en"' in page
    else:
        assert "Antall poster: 1" in text and "Oppsummering per kontroll" in page


def test_an_unknown_message_id_renders_as_id_and_values():
    assert render("11F.999.1", {"found": "x"}, "en") == "[11F.999.1] found=x"
