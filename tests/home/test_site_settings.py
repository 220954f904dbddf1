from html import unescape

import pytest
from django.utils import timezone, translation
from wagtail.models import Locale

from home.models import SiteSettings


@pytest.mark.django_db
def test_site_settings_follow_the_active_language(demo):
    with translation.override("fr"):
        french = SiteSettings.for_active_language()
    with translation.override("zh-hans"):
        chinese = SiteSettings.for_active_language()

    assert french.locale.language_code == "fr"
    assert "hôpital du cancer du Hunan" in french.footer_text
    assert chinese.locale.language_code == "zh-hans"
    assert "湖南省肿瘤医院" in chinese.footer_text
    assert french.telephone == chinese.telephone == "+86-731-88651900"


@pytest.mark.django_db
def test_untranslated_site_settings_fall_back_to_the_default_language(home_page):
    SiteSettings.objects.all().delete()
    SiteSettings.objects.create(
        locale=Locale.objects.get(language_code="en"), telephone="+33 1 00 00 00 00"
    )

    with translation.override("fr"):
        settings = SiteSettings.for_active_language()

    assert settings.telephone == "+33 1 00 00 00 00"


@pytest.mark.django_db
def test_footer_shows_the_french_address_on_french_pages(client, demo):
    html = client.get("/fr/").content.decode()

    assert "283, route de Tongzipo" in html


@pytest.mark.django_db
def test_no_site_settings_still_renders(client, home_page):
    SiteSettings.objects.all().delete()

    assert client.get("/en/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "path", "title", "law"),
    [
        ("en", "/en/privacy/", "Privacy notice", "Personal Information Protection Law"),
        ("fr", "/fr/privacy/", "Politique de confidentialité", "protection des données"),
        ("zh-hans", "/zh-hans/privacy/", "隐私声明", "个人信息保护法"),
    ],
)
def test_the_privacy_notice_is_linked_in_each_language_from_footer_and_registration_form(
    client, demo, language, path, title, law
):
    from seminars.models import SeminarPage

    seminar = SeminarPage.objects.live().get(
        locale__language_code=language,
        slug__startswith="sino-france-mastopathy-day",
        ends_at__gt=timezone.now(),
    )
    home = client.get(f"/{language}/").content.decode()
    form = client.get(seminar.url).content.decode()
    notice = client.get(path)

    assert f'<a href="{path}">{title}</a>' in home
    assert f'href="{path}" target="_blank"' in form
    assert notice.status_code == 200
    assert law in unescape(notice.content.decode())


@pytest.mark.django_db
def test_no_privacy_link_when_none_is_chosen_or_it_is_unpublished(client, demo):
    privacy = SiteSettings.objects.first().privacy_page
    assert "/en/privacy/" in client.get("/en/").content.decode()

    SiteSettings.objects.update(privacy_page=None)
    assert "/en/privacy/" not in client.get("/en/").content.decode()

    SiteSettings.objects.update(privacy_page=privacy)
    privacy.get_translations(inclusive=True).unpublish()
    assert "/en/privacy/" not in client.get("/en/").content.decode()
