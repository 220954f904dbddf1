"""The badge's QR code: it carries the registration's check-in code, never its token."""

import io

import segno


def _code(checkin_code):
    return segno.make(checkin_code, error="m")


def checkin_qr_svg_data_uri(checkin_code):
    return _code(checkin_code).svg_data_uri(scale=5, border=2)


def checkin_qr_png(checkin_code):
    buffer = io.BytesIO()
    _code(checkin_code).save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()
