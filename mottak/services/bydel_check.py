"""The portal's own check that an Oslo bydel's file holds only that bydel's records.

Not a kontroll rule: kontroll must keep agreeing with SSB's reference program, which does not
know which bydel a delivery is for. The worker runs this on the decrypted bytes (in memory)
before kontroll, reading BYDELSNR through kontroll's record layout of the skjema and year.
Only bydel numbers and line numbers leave this module; never a record.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from kontroll.errors import KontrollUsageError
from kontroll.layout import load_layout


@dataclass(frozen=True)
class BydelMismatch:
    expected: str
    found: tuple[str, ...]  # the other bydel numbers found, sorted ("" for blank)
    records: int  # records with another bydel
    first_line: int

    @property
    def message(self) -> str:
        found = ", ".join(b or _("blank") for b in self.found)
        return _(
            "Filen er levert for bydel %(bydel)s, men %(n)s poster har et annet bydelsnummer "
            "(BYDELSNR %(found)s, første gang på linje %(line)s). Lever hver bydels poster "
            "som sin egen del, eller lever hele Oslo samlet."
        ) % {"bydel": self.expected, "n": self.records, "found": found, "line": self.first_line}


def bydel_mismatch_find(*, skjema: str, aar: int, data: bytes, bydel: str) -> BydelMismatch | None:
    """The records of `data` whose BYDELSNR is not `bydel`, or None when all match.

    Lines too short to hold the field are left to kontroll (it reports the record length);
    a skjema or year without a layout is left to kontroll too.
    """
    try:
        field = load_layout(skjema, aar).fields.get("BYDELSNR")
    except KontrollUsageError:
        return None
    if field is None:
        return None
    found: set[str] = set()
    count, first = 0, 0
    for number, line in enumerate(data.splitlines(), start=1):
        if len(line) < field.end:
            continue
        value = line[field.start : field.end].decode("latin-1").strip()
        if value != bydel:
            found.add(value)
            count += 1
            first = first or number
    if not count:
        return None
    return BydelMismatch(
        expected=bydel, found=tuple(sorted(found)), records=count, first_line=first
    )
