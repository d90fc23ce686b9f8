"""An SMTP stand-in for the outbox tests: locmem that raises like a dead SMTP server while
`FlakySMTPBackend.down` is True."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FlakySMTPBackend(EmailBackend):
    down = False

    def send_messages(self, messages):
        if FlakySMTPBackend.down:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
