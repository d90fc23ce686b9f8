from django.conf import settings
from django.utils import translation


class LanguageCookieMiddleware:
    """Activate the language the user chose (cookie set by Django's set_language view).

    Unlike LocaleMiddleware it ignores the browser's Accept-Language: the portal speaks bokmål
    unless a user explicitly switches to English, so no one gets a half-translated page
    because of a browser default.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
