"""Files that come in and go out: PDF uploads checked by their bytes, and PDFs made from our own
HTML with nothing fetched. New features use these; older ones keep their own copies until moved."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

PDF_MAGIC = b"%PDF-"
MAX_PDF_BYTES = 10 * 1024 * 1024


def check_pdf(upload: Any, *, field: str = "file", what: str = "The file", max_bytes: int = MAX_PDF_BYTES) -> None:
    """Refuse anything but a PDF of at most ``max_bytes``, judged by its bytes, not its name."""
    if upload.size > max_bytes:
        limit = max_bytes // (1024 * 1024)
        raise ValidationError({field: f"{what} is larger than {limit} MB. Make it smaller, then try again."})
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError({field: f"{what} must be a PDF. Scan or save it as a PDF, then try again."})


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError("Nothing is fetched into a PDF Tandem makes")


def render_pdf(html: str) -> bytes:
    """A PDF from our own HTML. Nothing is fetched, from anywhere (no images, fonts or stylesheets
    by URL): use inline ``<style>`` in the HTML. Call it from a task, never in a request."""
    import weasyprint

    return weasyprint.HTML(string=html, url_fetcher=_no_fetching).write_pdf()  # type: ignore[no-any-return]
