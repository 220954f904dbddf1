"""The check-in code: a QR code carrying the registration token, scanned at the desk."""

import io

import segno


def _code(token):
    return segno.make(token, error="m")


def checkin_qr_svg_data_uri(token):
    return _code(token).svg_data_uri(scale=5, border=2)


def checkin_qr_png(token):
    buffer = io.BytesIO()
    _code(token).save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()
