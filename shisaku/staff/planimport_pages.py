"""A page of an uploaded PDF as a PNG image, to look at the source beside the lines read from it.

pdfplumber renders the page (with pdfium, which it reads PDFs with): about a quarter of a
second a page at 96 dpi, done only when the user opens a page.
"""

from __future__ import annotations

import io

import pdfplumber

RESOLUTION = 96  # dots per inch: a page of A4 is about 800 × 1100 pixels


def page_png(data: bytes, number: int) -> bytes | None:
    """Return page ``number`` (from 1) of a PDF as PNG, or None when it cannot be drawn."""
    try:
        with pdfplumber.open(io.BytesIO(data), pages=[number]) as pdf:
            if not pdf.pages:
                return None
            image = pdf.pages[0].to_image(resolution=RESOLUTION).original
    except Exception:  # a damaged page only loses its picture; its lines are read already
        return None
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
