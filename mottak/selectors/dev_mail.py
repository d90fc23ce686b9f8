"""Mail written by Django's file backend in local development (var/mail/), for the staff page.

Each file holds the messages of one connection, each followed by a line of 79 dashes (the
format of django.core.mail.backends.filebased). Nothing here runs in production: the page
that calls it answers 404 unless DEBUG is on.
"""

from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path

from kontroll.personvern import mask_text

SEPARATOR = b"-" * 79 + b"\n"
MAX_FILE_BYTES = 2 * 1024 * 1024  # a larger file is read only this far


@dataclass(frozen=True)
class DevMail:
    file: str
    sent_at: datetime | None
    subject: str
    to: str
    body: str


def _parse(file: str, raw: bytes) -> DevMail:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    part = message.get_body(preferencelist=("plain",))
    body = part.get_content() if part is not None else ""
    try:
        sent_at = parsedate_to_datetime(str(message["date"])) if message["date"] else None
    except (TypeError, ValueError):
        sent_at = None
    return DevMail(
        file=file,
        sent_at=sent_at,
        subject=mask_text(str(message["subject"] or "")),
        to=str(message["to"] or ""),
        body=mask_text(body),
    )


def dev_mail_list(*, folder: Path, limit: int = 200) -> list[DevMail]:
    """The newest `limit` messages in `folder`, newest first (by file, then by order in it)."""
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.log"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    mails: list[DevMail] = []
    for path in files:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES)
        chunks = [c.strip() for c in data.split(SEPARATOR) if c.strip()]
        for chunk in reversed(chunks):
            mails.append(_parse(path.name, chunk))
            if len(mails) >= limit:
                return mails
    return mails
