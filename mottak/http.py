"""Request types for views that only run for a signed-in user."""

from django.http import HttpRequest

from mottak.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind `login_required` or a staff check: its user is a `mottak.models.User`.

    Only an annotation for the type checker (django-stubs' documented pattern); Django still
    passes an ordinary HttpRequest.
    """

    user: User
