"""URL converters that refuse what no object can be, before it reaches the database."""

from django.urls import register_converter


class TokenConverter:
    """A private-link token as portal.tokens.new_token makes them, at most 64 characters (the
    column's length): anything else is a 404 without a lookup."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class IdConverter:
    """A primary key: at most 18 digits, so it always fits a 64-bit integer column (a longer
    one overflows SQLite's, a 500 instead of a 404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(TokenConverter, "token")
register_converter(IdConverter, "id")
