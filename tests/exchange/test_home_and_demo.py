"""The home page's "Open calls" section, and the programmes' demo content."""

import pytest
from django.utils import timezone

from exchange.choices import CallStatus
from exchange.models import ProgrammeIndexPage, ProgrammePage

pytestmark = pytest.mark.django_db
EMPTY = (
    "No call for applications is open at the moment. Training placements and fellowships "
    "will be published here."
)


def open_calls_section(html):
    start = html.index('aria-labelledby="open-calls"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("language", ["en", "zh-hans", "fr"])
def test_the_home_page_lists_the_open_calls_after_the_seminars(client, demo_call, language):
    html = client.get(f"/{language}/").content.decode()

    section = open_calls_section(html)
    qc, diep = demo_call("qc", language), demo_call("diep", language)
    assert section.index(diep.title) < section.index(qc.title)  # closing soonest first
    assert demo_call("imaging", language).title not in section
    assert EMPTY not in section
    assert html.index('aria-labelledby="upcoming-seminars"') < html.index(
        'aria-labelledby="open-calls"'
    )


def test_the_home_page_says_when_no_call_is_open(client, demo):
    ProgrammePage.objects.update(live=False)

    section = open_calls_section(client.get("/en/").content.decode())

    assert EMPTY in section
    assert "<article" not in section


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("en", ("Quality control in radiotherapy", "DIEP breast reconstruction observership")),
        ("zh-hans", ("放疗质量控制：", "长沙DIEP皮瓣乳房重建临床观摩项目")),
        (
            "fr",
            ("Contrôle qualité en radiothérapie\u00a0:", "Stage d’observation en reconstruction"),
        ),
    ],
)
def test_the_demo_builds_the_index_and_its_calls_in_every_language(demo_call, language, titles):
    index = ProgrammeIndexPage.objects.get(locale__language_code=language, slug="programmes")
    calls = {name: demo_call(name, language) for name in ("qc", "diep", "imaging")}
    now = timezone.now()

    assert index.live and index.show_in_menus
    assert all(call.get_parent().pk == index.pk and call.live for call in calls.values())
    assert calls["qc"].title.startswith(titles[0]) and calls["diep"].title.startswith(titles[1])
    assert [call.call_status(now) for call in calls.values()] == [
        CallStatus.OPEN,
        CallStatus.OPEN,
        CallStatus.CLOSED,
    ]
    assert (now - calls["imaging"].closes_at).days >= 360  # last year's call


def test_the_demo_calls_follow_the_brief(demo_call):
    qc, diep = demo_call("qc"), demo_call("diep")

    assert (qc.direction, qc.duration_weeks, qc.places, qc.referees_required) == ("cn_fr", 8, 3, 2)
    assert qc.host_institution.name == "University Hospital Breast Centre"
    assert {d.name for d in qc.host_departments.all()} == {"Radiotherapy", "Medical Physics"}
    assert set(qc.eligible_professions) == {"physicist", "radiation_oncologist"}
    assert (qc.required_language, qc.min_language_level) == ("fr_or_en", "B1")
    assert set(qc.required_documents) == {
        "cv",
        "diploma",
        "language_certificate",
        "motivation_letter",
        "passport",
        "head_letter",
    }
    assert qc.criteria.count() >= 3 and len(qc.faq) >= 2
    assert (diep.direction, diep.duration_weeks, diep.places) == ("fr_cn", 4, 2)
    assert diep.host_institution.name == "Hunan Cancer Hospital"
    assert [d.name for d in diep.host_departments.all()] == ["Breast Surgery"]
    assert diep.eligible_professions == ["surgeon"] and diep.min_language_level == "B2"
    assert diep.blind_review and not qc.blind_review


def test_the_demos_translations_name_the_hosts_as_the_snippets_do(demo_call):
    assert demo_call("diep", "zh-hans").host_institution.name == "湖南省肿瘤医院"
    assert (
        demo_call("qc", "fr").host_institution.name == "Centre du sein de l’hôpital universitaire"
    )
    chinese = demo_call("qc", "zh-hans")
    assert chinese.criteria.first().name == "放疗临床经验"
    assert chinese.faq[0].value["question"] == "进修费用由谁承担？"
