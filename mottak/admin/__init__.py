"""Django admin, one module per area; importing them registers the ModelAdmins."""

from mottak.admin import (
    accounts,  # noqa: F401
    calendar,  # noqa: F401
    mail,  # noqa: F401
    otp,  # noqa: F401
    ssb,  # noqa: F401
)
