"""Request bodies and uploads: refused before they cost disk or memory.

Two layers, both in front of Django's own parsing:

* `RequestSizeLimitMiddleware` (first in MIDDLEWARE) answers 413 on a `Content-Length` above
  the limit for every URL, before anything (CSRF, sessions, a view) reads the body;
* `EnvelopeUploadHandler`, installed by the upload view and the API on their own request
  only, looks at the first bytes of each uploaded file and stops the upload at once when they
  are not the envelope's magic (a plaintext file is never spooled to a temporary file), and
  counts the bytes as they stream in (a body without a trustworthy length still stops at the
  limit). Only a file that starts as an envelope is written, and then only ciphertext.
"""

import io
from collections.abc import Callable

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers, StopUpload
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from krypter.kostra_krypter import MAGIC
from mottak.errors import MottakError
from mottak.services.envelope import envelope_head_read, envelope_refusal_for_head

# Room for the form fields and multipart framing around the largest accepted file.
FORM_OVERHEAD_BYTES = 1024 * 1024


def max_size_text() -> str:
    """The upload limit as a sentence ("Største tillatte størrelse er 50 MB.")."""
    return _("Største tillatte størrelse er %(mb)s MB.") % {
        "mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024) or 1
    }


def too_large_error() -> MottakError:
    """The Norwegian refusal of a file or request over MAX_UPLOAD_BYTES."""
    return MottakError(
        _("Filen er for stor. Største tillatte størrelse er %(mb)s MB.")
        % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024) or 1},
        code="too_large",
    )


def request_limit(request: HttpRequest) -> int:
    """The largest body accepted: an upload for multipart forms, else Django's form limit."""
    if request.content_type == "multipart/form-data":
        return settings.MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def too_large_response(request: HttpRequest) -> HttpResponse:
    message = too_large_error().message
    if request.path.startswith("/api/"):
        return JsonResponse({"error": message}, status=413)
    html = render_to_string("mottak/too_large.html", {"message": message}, request=request)
    return HttpResponse(html, status=413)


class RequestSizeLimitMiddleware:
    """413 for a body announced larger than the limit, before any of it is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw)
        except ValueError:
            length = 0  # Django reads nothing of a body without a valid length
        if length > request_limit(request):
            return too_large_response(request)
        return self.get_response(request)


class EnvelopeUploadHandler(FileUploadHandler):
    """Take uploaded files only if they are envelopes, and at most MAX_UPLOAD_BYTES in all.

    The first bytes of each file are held back until the magic can be judged; a file that
    does not start with it stops the upload (StopUpload) before anything is written. An
    envelope streams to a temporary file (ciphertext only), so the web process's memory stays
    flat whatever the size. The refusal is left on the request for the view
    (`upload_refusal`).
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.total = 0
        self.spool = None

    @property
    def file(self):
        # Django's parser closes `handler.file` when it stops an upload (hasattr check).
        if self.spool is None:
            raise AttributeError("file")
        return self.spool

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.head = b""
        self.spool = None
        raise StopFutureHandlers  # no other handler sees an unchecked byte

    def _leave_refusal(self, error: MottakError) -> None:
        assert self.request is not None  # installed on a request by envelope_uploads_only
        # An attribute of our own on the request, read back by upload_refusal().
        self.request.upload_refusal = error  # type: ignore[attr-defined]

    def _refuse(self, error: MottakError):
        self._leave_refusal(error)
        raise StopUpload(connection_reset=False)

    def receive_data_chunk(self, raw_data, start):
        self.total += len(raw_data)
        if self.total > settings.MAX_UPLOAD_BYTES:
            self._refuse(too_large_error())
        if self.spool is None:
            self.head += raw_data
            refusal = envelope_refusal_for_head(self.head[: len(MAGIC)])
            if refusal is not None:
                self._refuse(refusal)
            if len(self.head) < len(MAGIC):
                return None
            assert self.file_name is not None  # Django's parser skips parts without a name
            self.spool = TemporaryUploadedFile(
                self.file_name, self.content_type, 0, self.charset, self.content_type_extra
            )
            raw_data, self.head = self.head, b""
        self.spool.write(raw_data)
        return None

    def file_complete(self, file_size):
        if self.spool is None:
            # Shorter than the magic and nothing written: the envelope check names the fault.
            try:
                envelope_head_read(io.BytesIO(self.head), total_size=len(self.head))
            except MottakError as err:
                self._leave_refusal(err)
            return None
        self.spool.seek(0)
        self.spool.size = file_size
        return self.spool


def envelope_uploads_only(request: HttpRequest) -> None:
    """Install the envelope handler on this request (before its body is read)."""
    request.upload_handlers = [EnvelopeUploadHandler(request)]


def upload_refusal(request: HttpRequest) -> MottakError | None:
    """Why the upload handler stopped this request's upload, if it did."""
    return getattr(request, "upload_refusal", None)
