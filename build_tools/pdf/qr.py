"""QR codes as SVG data URIs (vector, so they print sharp at any size)."""
from __future__ import annotations

import base64

import qrcode
import qrcode.constants
from qrcode.image.svg import SvgPathImage


def data_uri(url: str) -> str:
    """An `<img src>` value showing a QR code for `url` (error correction M, 4-module quiet zone)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=10)
    code.add_data(url)
    code.make(fit=True)
    svg = code.make_image(image_factory=SvgPathImage).to_string(encoding="unicode")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
