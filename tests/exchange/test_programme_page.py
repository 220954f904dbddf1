"""A call's page tells an applicant everything before applying: facts, dates in both
hospitals' time, who may apply (in words and as rules), what to provide, how applications
are scored, and whether (and until when) they can apply."""

import json
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from exchange.models import SelectionCriterion
from home.models import Department, Institution
from tests.typography import FRENCH_UNSPACED, HALF_WIDTH_IN_CHINESE, visible_lines

pytestmark = pytest.mark.django_db
WITH_APPLY = pytest.mark.urls("tests.exchange.urls_with_apply")


def items(html, css_class):
    """The texts of the <li> of the list with `css_class`."""
    start = html.index(f'<ul class="{css_class}">')
    block = html[start : html.index("</ul>", start)]
    texts = re.findall(r"<li>(.*?)</li>", block, flags=re.S)
    return [re.sub(r"[ \t\n]+", " ", text).strip() for text in texts]  # keeps no-break spaces


def test_the_closing_is_shown_in_beijing_and_paris_time(client, make_call):
    closes_at = (timezone.now() + timedelta(days=20)).replace(hour=9, minute=30, microsecond=0)
    call = make_call()
    call.closes_at = closes_at
    call.save()

    html = client.get(call.url).content.decode()
    closing = html[html.index("call-dates__item--closing") :]
    closing = closing[: closing.index("</dd>\n                </div>")]

    assert "Closing is enforced by the site to the minute, at:" in closing
    for zone, city, name in (
        ("Asia/Shanghai", "Changsha", "Beijing time"),
        ("Europe/Paris", "Paris", "Paris time"),
    ):
        local = closes_at.astimezone(ZoneInfo(zone))
        assert f"<dt>{city}</dt>" in closing
        assert f'<time datetime="{local.isoformat()}">' in closing
        assert f'{local:%H:%M}</time> <span class="partner-times__zone">({name})' in closing


def test_the_page_gives_the_facts_and_every_key_date(client, make_call):
    host = Institution.objects.get(
        locale__language_code="en", name="University Hospital Breast Centre"
    )
    departments = list(
        Department.objects.filter(institution=host, name__in=["Radiotherapy", "Medical Physics"])
    )
    call = make_call(
        host_institution=host, host_departments=departments, duration_weeks=8, places=3
    )

    html = " ".join(client.get(call.url).content.decode().split())

    assert "<dt>Direction</dt> <dd>China → France</dd>" in html
    assert "<dt>Type</dt> <dd>Training placement</dd>" in html
    assert "<dt>Host institution</dt> <dd> University Hospital Breast Centre </dd>" in html
    assert "<dt>Host departments</dt>" in html
    assert "<li>Medical Physics</li><li>Radiotherapy</li>" in html
    assert "<dd>8 weeks</dd>" in html and "<dt>Places</dt> <dd>3</dd>" in html
    for label in ("Applications open", "Applications close", "Decisions released"):
        assert f"<dt>{label}</dt>" in html
    assert "<dt>Deadline to accept an offer</dt>" in html
    assert "Closes in 29 days." in html


def test_rules_read_as_sentences(client, make_call):
    call = make_call(
        eligible_professions=["radiation_oncologist", "physicist"],
        min_years_experience=3,
        required_language="fr",
        min_language_level="B2",
        max_age=45,
        not_selected_within_years=3,
    )

    html = client.get(call.url).content.decode()

    assert items(html, "call-rules") == [
        "Professions: radiation oncologist, medical physicist",
        "At least 3 years of experience",
        "French at level B2 or above",
        "Under 45 on the closing date",
        "Not selected by a call in the last 3 years",
    ]


def test_a_single_year_is_said_in_the_singular_and_unset_rules_are_left_out(client, make_call):
    call = make_call(min_years_experience=1, not_selected_within_years=1)

    html = client.get(call.url).content.decode()

    assert items(html, "call-rules") == [
        "At least 1 year of experience",
        "Not selected by a call in the last 1 year",
    ]


@pytest.mark.parametrize(
    ("language", "sentences"),
    [
        (
            "fr",
            [
                "Professions\u00a0: physicien médical, radiothérapeute",
                "Au moins 3 ans d’expérience",
                "Français ou anglais\u00a0: niveau B1 minimum",
                "Moins de 45 ans à la date de clôture",
                "Aucune sélection par un appel depuis 3 ans",
            ],
        ),
        (
            "zh-hans",
            [
                "职业：医学物理师、放疗科医生",
                "至少3年工作经验",
                "法语或英语达到B1或以上水平",
                "截止日期时未满45周岁",
                "近3年内未曾入选任何项目",
            ],
        ),
    ],
)
def test_rules_read_as_sentences_in_french_and_chinese(client, demo_call, language, sentences):
    html = client.get(demo_call("qc", language).url).content.decode()

    assert items(html, "call-rules") == sentences


def test_documents_referees_and_criteria_shares_are_listed(client, make_call):
    call = make_call(
        required_documents=["passport", "cv", "head_letter"],
        referees_required=2,
        criteria=[
            SelectionCriterion(name="Experience", weight=1),
            SelectionCriterion(name="Motivation", weight=1),
            SelectionCriterion(name="Language", weight=1),
        ],
    )

    html = " ".join(client.get(call.url).content.decode().split())

    assert items(html, "call-documents") == [
        "Passport copy",
        "Curriculum vitae",
        "Letter from the head of department",
    ]
    assert "You name 2 referees; each uploads a letter of recommendation" in html
    shares = re.findall(r'<td class="call-criteria__share">([^<]+)</td>', html)
    assert shares == ["34%", "33%", "33%"]  # whole percentages that add up to 100


def test_a_blind_review_is_announced_and_an_open_review_is_not(client, make_call):
    blind = make_call(blind_review=True)
    open_review = make_call(blind_review=False)

    assert "Review is blind" in client.get(blind.url).content.decode()
    assert "Review is blind" not in client.get(open_review.url).content.decode()


def test_the_faq_is_shown(client, demo_call):
    html = client.get(demo_call("diep").url).content.decode()

    assert '<h2 id="faq-heading">Frequently asked questions</h2>' in html
    assert '<h3 class="faq__question">Will I operate?</h3>' in html


@WITH_APPLY
def test_an_open_call_offers_the_apply_button_to_the_canonical_call(client, demo_call):
    english, french = demo_call("qc", "en"), demo_call("qc", "fr")
    with translation.override("fr"):
        apply_url = reverse("exchange:apply", args=[english.pk])

    html = client.get(french.url).content.decode()

    assert f'<a class="button button--large" href="{apply_url}">Candidater à cet appel</a>' in html
    assert french.pk != english.pk


@WITH_APPLY
@pytest.mark.parametrize(
    ("opens_in", "closes_in", "says"),
    [
        (5, 30, "This call is not open yet. Applications open at:"),
        (-30, -1, "This call is closed: it no longer takes applications."),
    ],
)
def test_a_call_not_open_has_no_apply_button_and_says_why(
    client, make_call, opens_in, closes_in, says
):
    call = make_call(opens_in=opens_in, closes_in=closes_in)

    html = client.get(call.url).content.decode()

    assert says in html
    assert reverse("exchange:apply", args=[call.pk]) not in html
    assert "Apply for this call" not in html and 'href="#apply"' not in html


def test_the_page_carries_valid_schema_org_data(client, demo_call):
    html = client.get(demo_call("qc").url).content.decode()
    script = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)

    data = json.loads(script.group(1))

    assert data["@type"] == "EducationalOccupationalProgram"
    assert data["timeToComplete"] == "P8W" and data["maximumEnrollment"] == 3
    assert data["provider"]["name"] == "University Hospital Breast Centre"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["applicationDeadline"])


def test_a_call_page_runs_a_fixed_number_of_queries(
    client, make_call, django_assert_max_num_queries
):
    departments = list(Department.objects.filter(locale__language_code="en"))
    small = make_call(criteria=[SelectionCriterion(name="Experience")])
    large = make_call(
        host_departments=departments,
        criteria=[SelectionCriterion(name=f"Criterion {n}") for n in range(8)],
    )
    client.get(small.url)
    with django_assert_max_num_queries(25) as few:
        client.get(small.url)
    with django_assert_max_num_queries(25) as many:
        client.get(large.url)

    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_translated_call_names_its_host_and_departments_in_its_language(client, demo_call):
    html = client.get(demo_call("qc", "zh-hans").url).content.decode()
    facts = html[html.index('class="call__facts"') : html.index("</aside>")]

    assert "法国大学医院乳腺中心" in facts
    assert "<li>放疗科</li>" in facts and "<li>医学物理</li>" in facts
    assert "Radiotherapy" not in facts and "University Hospital" not in facts


def demo_pages(language, client, demo_call):
    urls = [
        f"/{language}/programmes/",
        demo_call("qc", language).url,
        demo_call("diep", language).url,
    ]
    return {url: client.get(url).content.decode() for url in urls}


@pytest.mark.parametrize(
    ("language", "rule"),
    [("zh-hans", HALF_WIDTH_IN_CHINESE), ("fr", FRENCH_UNSPACED)],
    ids=["chinese-full-width-punctuation", "french-no-break-space"],
)
def test_programme_pages_follow_their_languages_punctuation(client, demo_call, language, rule):
    wrong = [
        f"{url}: {line}"
        for url, html in demo_pages(language, client, demo_call).items()
        for line in visible_lines(html)
        if rule.search(line)
    ]

    assert not wrong, "\n".join(wrong)
