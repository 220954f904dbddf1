"""Each language reads as its own: Chinese punctuation and names on Chinese pages, French
spacing on French ones, and bilingual certificates that translate what is translated."""

import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from seminars import certificates, services
from seminars.choices import RegistrationStatus
from seminars.models import Registration, SeminarPage
from tests.typography import FRENCH_UNSPACED, HALF_WIDTH_IN_CHINESE, visible_lines

pytestmark = pytest.mark.django_db

PDFTOTEXT = shutil.which("pdftotext")
MOMENT = datetime(2026, 3, 12, 1, 0, 5, 123456, tzinfo=UTC)


def pdf_text(content, tmp_path):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(content)
    result = subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())


def render_times(language, starts_at, ends_at=None):
    template = Template("{% load partner_time %}{% partner_times starts_at ends_at %}")
    with translation.override(language):
        return template.render(Context({"starts_at": starts_at, "ends_at": ends_at}))


def demo_seminar(language, *, past):
    """The demo's Mastopathy Day in `language`: last year's (past) or this year's."""
    now = timezone.now()
    seminars = SeminarPage.objects.filter(
        locale__language_code=language, slug__startswith="sino-france-mastopathy-day"
    )
    return seminars.get(ends_at__lt=now) if past else seminars.get(ends_at__gt=now)


def demo_attendee(language):
    """A checked-in attendee of last year's Mastopathy Day whose emails are in `language`."""
    name = {"zh-hans": "Wang Fang", "fr": "Hélène Dupré"}[language]
    return Registration.objects.get(
        seminar=demo_seminar("en", past=True), status=RegistrationStatus.ATTENDED, full_name=name
    )


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("zh-hans", "湖南省继续医学教育委员会"),
        ("fr", "Comité de formation médicale continue de la province du Hunan"),
    ],
)
def test_the_certificate_names_the_accrediting_body_in_each_sides_language(
    language, body, tmp_path
):
    registration = demo_attendee(language)

    document = certificates.issue_certificate(registration)

    english = "Hunan Provincial Continuing Medical Education Committee"
    assert document.details["cme_bodies"] == {language: body, "en": english}
    if PDFTOTEXT:
        text = pdf_text(certificates.certificate_pdf(document), tmp_path)
        assert body in text and english in text
        assert text.index(body) < text.index(english)  # the holder's language first


def test_a_certificate_issued_before_bodies_were_translated_still_names_its_body(tmp_path):
    document = certificates.issue_certificate(demo_attendee("fr"))
    document.details.pop("cme_bodies")
    document.details["cme_body"] = "Hunan Provincial CME Committee"

    sides = certificates.certificate_context(document)["sides"]

    assert [side["cme_body"] for side in sides] == ["Hunan Provincial CME Committee"] * 2


def test_a_bilingual_label_that_reads_the_same_in_both_languages_is_printed_once(tmp_path):
    if not PDFTOTEXT:
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF")
    document = certificates.issue_certificate(demo_attendee("fr"))

    text = pdf_text(certificates.certificate_pdf(document), tmp_path)

    assert "DATES · DATES" not in text
    assert "DATES" in text and "LIEU · VENUE" in text  # headings are upper case


def test_times_are_labelled_beijing_and_paris_time_in_the_readers_language():
    chinese = render_times("zh-hans", MOMENT, MOMENT + timedelta(hours=2))
    french = render_times("fr", MOMENT, MOMENT + timedelta(hours=2))

    assert "CST" not in chinese and "CET" not in chinese
    assert "（北京时间）" in chinese and "（巴黎时间）" in chinese
    assert "2026年3月12日 09:00</time>–11:00" in chinese  # no comma after a Chinese date
    assert "(heure de Pékin)" in french and "(heure de Paris)" in french
    assert "12 mars 2026, 09:00</time>–11:00" in french


def test_time_elements_carry_iso_8601_to_the_second():
    html = render_times("en", MOMENT)

    stamps = re.findall(r'datetime="([^"]+)"', html) + re.findall(r'data-utc="([^"]+)"', html)

    assert stamps == [
        "2026-03-12T09:00:05+08:00",
        "2026-03-12T02:00:05+01:00",
        "2026-03-12T01:00:05+00:00",
    ]


def test_email_times_put_each_languages_colon_after_the_city():
    template = Template("{% load partner_time %}{% partner_times_text starts_at %}")
    with translation.override("zh-hans"):
        chinese = template.render(Context({"starts_at": MOMENT}))
    with translation.override("fr"):
        french = template.render(Context({"starts_at": MOMENT}))

    assert chinese.splitlines()[0] == "长沙：2026年3月12日 09:00（北京时间）"
    assert french.splitlines()[1] == "Paris\u00a0: 12 mars 2026, 02:00 (heure de Paris)"


@pytest.mark.parametrize(
    ("language", "expected", "wrong"),
    [
        ("zh-hans", "姓名</a>：", "姓名</a>: "),
        ("fr", "Nom complet</a>\u00a0: ", "Nom complet</a>: "),
    ],
)
def test_the_error_summary_separates_label_and_message_the_languages_way(
    client, language, expected, wrong
):
    page = demo_seminar(language, past=False)

    html = client.post(page.url, {"email": "x@example.org"}).content.decode()

    assert expected in html and wrong not in html


def test_optional_fields_are_marked_in_full_width_brackets_in_chinese(client):
    html = client.get(demo_seminar("zh-hans", past=False).url).content.decode()

    assert "（选填）" in html and "(选填)" not in html


def test_chinese_pages_give_chinese_speakers_their_chinese_names(client):
    html = client.get(demo_seminar("zh-hans", past=False).url).content.decode()
    programme = html[html.index('class="programme"') : html.index("</table>")]

    assert "刘敏" in programme and "周静" in programme
    assert "Liu Min" not in programme and "Zhou Jing" not in programme
    assert "Claire Dubois" in programme  # a French name stays as she writes it


def test_the_online_platform_has_its_chinese_name_on_chinese_pages(client):
    html = client.get(demo_seminar("zh-hans", past=False).url).content.decode()

    assert "腾讯会议" in html and "Tencent Meeting" not in html


def test_each_language_choice_is_marked_with_its_own_language(client):
    html = client.get(demo_seminar("zh-hans", past=False).url).content.decode()

    for code, name in (("zh-hans", "简体中文"), ("en", "English"), ("fr", "Français")):
        assert f'<span lang="{code}">{name}</span></label>' in html


def test_the_profession_select_opens_on_a_prompt(client):
    html = client.get(demo_seminar("en", past=False).url).content.decode()
    select = html[html.index('name="profession"') : html.index("</select>")]

    assert '<option value="" selected>Choose your profession</option>' in select
    assert "---------" not in select


def test_a_past_seminars_private_page_offers_no_join_button(client, make_seminar, details):
    now = timezone.now()
    seminar = make_seminar(
        starts_at=now - timedelta(days=2),
        ends_at=now - timedelta(days=2) + timedelta(hours=3),
        online_join_url="https://meeting.example.com/j/past",
    )
    registration = services.register_for_seminar(
        seminar, details=details(1, mode="online"), language="en", now=now - timedelta(days=3)
    )
    assert registration.status == RegistrationStatus.CONFIRMED

    html = client.get(f"/en/registration/{registration.token}/").content.decode()

    assert "https://meeting.example.com/j/past" not in html
    assert "Join online" not in html


def test_the_chinese_certificate_joins_venue_and_city_with_a_full_width_comma():
    document = certificates.issue_certificate(demo_attendee("zh-hans"))

    assert document.details["venues"]["zh-hans"] == "湖南省肿瘤医院学术报告厅，长沙"
    assert document.details["venues"]["en"] == (
        "Hunan Cancer Hospital, Academic Lecture Hall, Changsha"
    )


def pages_in(language, client):
    this_year, last_year = demo_seminar(language, past=False), demo_seminar(language, past=True)
    attendee = demo_attendee("fr")
    urls = [this_year.url, last_year.url, f"/{language}/registration/{attendee.token}/"]
    return {url: client.get(url).content.decode() for url in urls}


@pytest.mark.parametrize(
    ("language", "rule"),
    [("zh-hans", HALF_WIDTH_IN_CHINESE), ("fr", FRENCH_UNSPACED)],
    ids=["chinese-full-width-punctuation", "french-no-break-space"],
)
def test_pages_follow_their_languages_punctuation(client, language, rule):
    wrong = [
        f"{url}: {line}"
        for url, html in pages_in(language, client).items()
        for line in visible_lines(html)
        if rule.search(line)
    ]

    assert not wrong, "\n".join(wrong)


def test_no_space_follows_a_chinese_labels_full_width_colon(client):
    chinese = client.get(demo_seminar("zh-hans", past=False).url).content.decode()
    french = client.get(demo_seminar("fr", past=False).url).content.decode()

    assert "<strong>口译：</strong>中法同声传译" in chinese
    assert "<strong>Interprétation\u00a0:</strong> Interprétation simultanée" in french


def test_chinese_emails_put_no_space_after_a_full_width_colon(details):
    from portal.models import OutboundEmail

    seminar = demo_seminar("en", past=False)
    services.register_for_seminar(seminar, details=details(1, mode="online"), language="zh-hans")

    email = OutboundEmail.objects.get(to="participant1@example.org")
    assert "线上：腾讯会议" in email.body_text and "您的参会方式：线上" in email.body_text
    assert "<strong>线上：</strong>腾讯会议" in email.body_html
