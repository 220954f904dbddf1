"""Dates written out in letters and on the applicant's pages, as each language writes them."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from portal.templatetags.typography import long_date


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("fr", date(2026, 12, 1), "1er décembre 2026"),
        ("fr", date(2026, 12, 11), "11 décembre 2026"),
        ("fr", date(2027, 1, 21), "21 janvier 2027"),
        ("en", date(2026, 12, 1), "Dec. 1, 2026"),
        ("zh-hans", date(2026, 12, 1), "2026年12月1日"),
    ],
)
def test_each_language_writes_the_date_its_own_way(language, day, expected):
    with translation.override(language):
        assert long_date(day) == expected


def test_the_filter_reads_the_date_in_the_active_time_zone():
    # 23:30 in Paris on 30 November is already 1 December in Changsha.
    moment = datetime(2026, 11, 30, 22, 30, tzinfo=ZoneInfo("UTC"))
    template = Template("{% load typography %}{{ moment|long_date }}")
    with translation.override("fr"), timezone.override("Asia/Shanghai"):
        assert template.render(Context({"moment": moment})) == "1er décembre 2026"
    with translation.override("fr"), timezone.override("Europe/Paris"):
        assert template.render(Context({"moment": moment})) == "30 novembre 2026"


def test_nothing_gives_nothing():
    assert long_date(None) == ""
