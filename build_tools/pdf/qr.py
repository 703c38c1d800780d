"""QR codes: the one place their settings live (error correction M, a 4-module quiet zone).

Kit PDFs and the admission-letter insert print them as SVG data URIs (vector, so they print
sharp at any size); share cards draw the module matrix into their PNG.
"""
from __future__ import annotations

import base64

import qrcode
import qrcode.constants
from qrcode.image.svg import SvgPathImage

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def _code(url: str, box_size: int = 10) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE,
                         box_size=box_size)
    code.add_data(url)
    code.make(fit=True)
    return code


def data_uri(url: str) -> str:
    """An `<img src>` value showing a QR code for `url`."""
    svg = _code(url).make_image(image_factory=SvgPathImage).to_string(encoding="unicode")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def matrix(url: str) -> list[list[bool]]:
    """The QR code for `url` as rows of modules (True: dark), quiet zone included."""
    return _code(url, box_size=1).get_matrix()
