"""The programme index: open calls first, then those not yet open, then the closed archive;
filters done in the database; bad input answered 400 with its error; a fixed query count."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from exchange.choices import Direction
from exchange.listings import CLOSED_PER_PAGE
from exchange.models import ProgrammeIndexPage
from home.models import Department, Institution

pytestmark = pytest.mark.django_db


def titles(html):
    return re.findall(r'<h3 class="card__title">\s*<a href="[^"]+">([^<]+)</a>', html)


def section(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    end = html.find('<section class="call-section"', start)
    return html[start : end if end != -1 else len(html)]


def test_open_calls_come_first_closing_soonest_then_those_opening_soonest_then_the_latest_closed(
    client, make_call
):
    open_later = make_call(title="Open, closes in 40 days", closes_in=40)
    open_sooner = make_call(title="Open, closes in 5 days", closes_in=5)
    opens_later = make_call(title="Opens in 20 days", opens_in=20, closes_in=50)
    opens_sooner = make_call(title="Opens in 3 days", opens_in=3, closes_in=50)
    closed_long_ago = make_call(title="Closed 300 days ago", opens_in=-330, closes_in=-300)
    closed_lately = make_call(title="Closed 10 days ago", opens_in=-40, closes_in=-10)

    html = client.get(open_later.get_parent().url).content.decode()

    assert titles(html) == [
        open_sooner.title,
        open_later.title,
        opens_sooner.title,
        opens_later.title,
        closed_lately.title,
        closed_long_ago.title,
    ]
    assert titles(section(html, "open-heading")) == [open_sooner.title, open_later.title]
    assert titles(section(html, "closed-heading")) == [closed_lately.title, closed_long_ago.title]


def test_closed_calls_are_paginated_and_the_pages_keep_the_filters(client, make_call):
    for n in range(CLOSED_PER_PAGE + 1):
        make_call(opens_in=-100, closes_in=-1 - n, programme_type="fellowship")
    url = ProgrammeIndexPage.objects.get(slug="calls-under-test").url

    first = client.get(url, {"type": "fellowship"}).content.decode()
    second = client.get(url, {"type": "fellowship", "page": 2})

    assert len(titles(first)) == CLOSED_PER_PAGE
    assert "?type=fellowship&amp;page=2#closed-calls" in first
    assert second.status_code == 200
    assert titles(second.content.decode()) == ["Call 013"]


def test_a_card_shows_what_a_visitor_compares(client, make_call):
    host = Institution.objects.get(locale__language_code="en", name="Hunan Cancer Hospital")
    closes_at = timezone.now().replace(microsecond=0) + timedelta(days=9)
    call = make_call(
        direction=Direction.FRANCE_TO_CHINA,
        programme_type="observership",
        host_institution=host,
        duration_weeks=4,
        places=2,
    )
    call.closes_at = closes_at
    call.save()

    html = client.get(call.get_parent().url).content.decode()
    card = " ".join(html[html.index("<article") : html.index("</article>")].split())

    assert '<span class="badge badge--call-open">Open</span>' in card
    assert "Observership · France → China" in card
    assert call.title in card and "Hunan Cancer Hospital" in card
    assert "<dt>Duration</dt> <dd>4 weeks</dd>" in card
    assert "<dt>Places</dt> <dd>2</dd>" in card
    for zone, name in (("Asia/Shanghai", "Beijing time"), ("Europe/Paris", "Paris time")):
        local = closes_at.astimezone(ZoneInfo(zone))
        assert f'<time datetime="{local.isoformat()}">' in card
        assert f'{local:%H:%M}</time> <span class="partner-times__zone">({name})' in card


@pytest.mark.parametrize(
    ("name", "value", "matching", "other"),
    [
        ("direction", "fr_cn", {"direction": "fr_cn"}, {"direction": "cn_fr"}),
        ("discipline", "pathology", {"discipline": "pathology"}, {"discipline": "radiotherapy"}),
        ("type", "course", {"programme_type": "course"}, {"programme_type": "placement"}),
        ("status", "upcoming", {"opens_in": 5}, {"opens_in": -5}),
        ("status", "open", {"opens_in": -5}, {"opens_in": 5}),
        ("status", "closed", {"closes_in": -1, "opens_in": -9}, {"opens_in": 5}),
    ],
)
def test_each_filter_keeps_only_the_matching_calls(client, make_call, name, value, matching, other):
    wanted = make_call(title="The matching call", **matching)
    make_call(title="Another call", **other)

    response = client.get(wanted.get_parent().url, {name: value})

    assert response.status_code == 200
    assert titles(response.content.decode()) == ["The matching call"]


def test_the_department_filter_offers_the_hosts_departments_and_keeps_their_calls(
    client, make_call
):
    physics, surgery = (
        Department.objects.get(locale__language_code="en", institution__city=city, name=name)
        for city, name in (("Île-de-France", "Medical Physics"), ("Changsha", "Breast Surgery"))
    )
    make_call(title="Physics call", host_departments=[physics])
    make_call(title="Surgery call", host_departments=[surgery])
    url = ProgrammeIndexPage.objects.get(slug="calls-under-test").url

    html = client.get(url, {"department": physics.pk}).content.decode()

    assert titles(html) == ["Physics call"]
    select = html[
        html.index('name="department"') : html.index("</select>", html.index('name="department"'))
    ]
    assert "Medical Physics · University Hospital Breast Centre" in select
    assert "Breast Surgery · Hunan Cancer Hospital" in select
    assert "Pathology" not in select  # no call is hosted there


def test_a_chinese_visitor_filters_by_a_department_in_chinese(client, demo_call):
    """Translated calls keep the English departments; the Chinese department still finds them."""
    radiotherapy = Department.objects.get(
        locale__language_code="zh-hans", name="放疗科", institution__name="法国大学医院乳腺中心"
    )
    qc, diep = demo_call("qc", "zh-hans"), demo_call("diep", "zh-hans")
    previous = demo_call("qc_previous", "zh-hans")

    html = client.get("/zh-hans/programmes/", {"department": radiotherapy.pk}).content.decode()

    assert titles(html) == [qc.title, previous.title]  # open, then closed
    assert diep.title not in html
    assert "放疗科 · 法国大学医院乳腺中心" in html


@pytest.mark.parametrize(
    "query",
    [
        {"direction": "north"},
        {"status": "soon"},
        {"department": "radiotherapy"},
        {"department": "99999999999999999999"},
        {"department": "-1"},
        {"page": "two"},
        {"page": "0"},
        {"page": "-3"},
        {"page": "1e3"},
    ],
)
def test_invalid_filter_input_is_a_400_that_shows_the_error(client, make_call, query):
    make_call()

    response = client.get("/en/calls-under-test/", query)

    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="form-field__error"' in html or 'class="form-errors" role="alert"' in html
    assert "Call 001" in html  # the calls are still listed, unfiltered


@pytest.mark.parametrize("query", [{"discipline": "\x00"}, {"type": "a\x00b"}, {"page": "\x00"}])
def test_a_nul_byte_in_a_filter_is_a_400_in_the_visitors_language(client, query):
    # Refused by the site's middleware before any form reads it.
    response = client.get("/fr/programmes/", query)

    assert response.status_code == 400
    assert "Aller à la page d’accueil" in response.content.decode()


@pytest.mark.parametrize("number", ["2", "99999999999999999999"])
def test_a_page_past_the_last_is_a_400_that_says_how_many_pages_there_are(
    client, make_call, number
):
    make_call(opens_in=-9, closes_in=-1)

    response = client.get("/en/calls-under-test/", {"page": number})

    assert response.status_code == 400
    assert f"There is no page {number}: the closed calls fill 1 page." in response.content.decode()


def test_the_index_runs_a_fixed_number_of_queries_however_many_calls(
    client, make_call, django_assert_max_num_queries
):
    host = Institution.objects.get(locale__language_code="en", name="Hunan Cancer Hospital")
    department = Department.objects.filter(institution=host).first()

    def make_calls(count):
        for n in range(count):
            opens_in, closes_in = [(-5, 20), (5, 40), (-60, -n - 1)][n % 3]
            make_call(
                opens_in=opens_in,
                closes_in=closes_in,
                host_institution=host,
                host_departments=[department],
            )

    make_calls(3)  # one open, one not yet open, one closed
    url = ProgrammeIndexPage.objects.get(slug="calls-under-test").url
    client.get(url)
    with django_assert_max_num_queries(25) as three:
        client.get(url)
    make_calls(57)
    with django_assert_max_num_queries(25) as sixty:
        html = client.get(url).content.decode()

    assert len(titles(html)) == 20 + 20 + CLOSED_PER_PAGE
    assert len(sixty.captured_queries) == len(three.captured_queries)


def test_a_filter_error_is_tied_to_its_select(client, demo):
    html = client.get("/en/programmes/", {"direction": "north"}).content.decode()

    assert 'aria-describedby="id_direction_error"' in html
    assert '<p class="form-field__error" id="id_direction_error">' in html
