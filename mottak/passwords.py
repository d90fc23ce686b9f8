"""Password validation: Django's validators, with a bokmål message where Django's own
Norwegian catalogue lacks one (the minimum length message changed msgid in Django 6)."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Passordet er for kort. Det må ha minst %(n)d tegn.",
            "Passordet er for kort. Det må ha minst %(n)d tegn.",
            self.min_length,
        ) % {"n": self.min_length}
