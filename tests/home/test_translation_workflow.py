"""An editor creates a page, translates it into Chinese and French with wagtail-localize, and
publishes the translations, all through the admin as they would in a browser."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation

from home.models import StandardPage

TRANSLATED = {
    "zh-hans": {"Visiting Changsha": "访问长沙", "Practical advice.": "实用建议。"},
    "fr": {"Visiting Changsha": "Séjourner à Changsha", "Practical advice.": "Conseils pratiques."},
}


@pytest.fixture
def editor(client, staff):
    user = staff("Editors", "Moderators", email="editor@example.org")
    client.force_login(user)
    return user


def _create_page(client, parent):
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("home", "standardpage", parent.pk)),
        {
            "title": "Visiting Changsha",
            "slug": "visiting-changsha",
            "introduction": "Practical advice.",
            "body-count": "0",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return StandardPage.objects.get(slug="visiting-changsha", locale__language_code="en")


def _translate_strings(client, translation):
    strings = TRANSLATED[translation.target_locale.language_code]
    for segment in StringSegment.objects.filter(source=translation.source):
        value = strings.get(segment.string.data)
        if value is None:  # the slug: keep the English one
            continue
        url = reverse("wagtail_localize:edit_string_translation", args=(translation.pk, segment.pk))
        response = client.put(
            url, f"value={value}", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code in (200, 201), response.content


@pytest.mark.django_db
def test_editor_creates_translates_and_publishes_a_page(
    client, editor, demo, django_capture_on_commit_callbacks
):
    page = _create_page(client, demo)
    locales = Locale.objects.filter(language_code__in=["zh-hans", "fr"])

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=(page.pk,)),
        {"locales": [locale.pk for locale in locales]},
    )
    assert response.status_code == 302

    for translation in Translation.objects.filter(source__object_id=page.translation_key):
        _translate_strings(client, translation)
        target = translation.get_target_instance()
        with django_capture_on_commit_callbacks(
            execute=True
        ):  # wagtail-localize publishes on commit
            response = client.post(
                reverse("wagtailadmin_pages:edit", args=(target.pk,)), {"action": "publish"}
            )
        assert response.status_code == 302

    french = client.get("/fr/visiting-changsha/").content.decode()
    chinese = client.get("/zh-hans/visiting-changsha/").content.decode()
    assert "Séjourner à Changsha" in french and "Conseils pratiques." in french
    assert "访问长沙" in chinese and "实用建议。" in chinese
    assert Page.objects.filter(translation_key=page.translation_key, live=True).count() == 3


@pytest.mark.django_db
def test_reviewers_cannot_submit_translations(client, staff, demo):
    client.force_login(staff("Reviewers"))
    about = Page.objects.get(slug="about", locale__language_code="en")

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=(about.pk,)),
        {"locales": [Locale.objects.get(language_code="fr").pk]},
    )

    assert response.status_code in (302, 403)
