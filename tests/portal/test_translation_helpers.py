"""portal.translation: an object as the reader of each language sees it."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from home.models import Institution
from portal.choices import language_choices
from portal.translation import (
    in_active_language,
    in_language,
    in_languages,
    translations_in_active_language,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def changsha():
    return Institution.objects.get(locale=Locale.get_default(), partner_position=1)


def test_each_language_gets_its_translation(changsha):
    found = in_languages(changsha, ["zh-hans", "fr", "en"])

    assert found["zh-hans"].name == "湖南省肿瘤医院"
    assert found["fr"].name == "Hôpital du cancer du Hunan"
    assert found["en"].name == changsha.name


def test_an_untranslated_language_falls_back_to_the_original_itself(changsha):
    assert in_language(changsha, "de") is changsha  # no such locale
    changsha.get_translation(Locale.objects.get(language_code="fr")).delete()
    assert in_language(changsha, "fr") is changsha


def test_a_translated_page_that_is_not_live_is_skipped(home_page):
    french = home_page.get_translation(Locale.objects.get(language_code="fr"))
    assert in_language(home_page, "fr").pk == french.pk

    french.unpublish()

    assert in_language(home_page, "fr") is home_page


def test_a_text_kept_per_language_is_read_in_the_active_language():
    texts = {"fr": "Lettre de décision", "en": "Decision letter"}

    with translation.override("fr"):
        assert in_active_language(texts) == "Lettre de décision"
    with translation.override("zh-hans"):
        assert in_active_language(texts) == "Decision letter"
        assert in_active_language({"fr": "Seulement"}) == "Seulement"
        assert in_active_language("as it is") == "as it is"


def test_many_objects_in_the_active_language_in_one_query(changsha, django_assert_num_queries):
    others = list(Institution.objects.filter(locale=Locale.get_default()))

    # One query for the active locale, one for the translations, however many objects.
    with translation.override("fr"), django_assert_num_queries(2):
        found = translations_in_active_language(others, Institution.objects.all())
    with translation.override("zh-hans"):
        only_live = translations_in_active_language(others, Institution.objects.none())

    assert found[changsha.translation_key].name == "Hôpital du cancer du Hunan"
    assert {row.locale.language_code for row in found.values()} == {"fr"}
    assert set(found) == {institution.translation_key for institution in others}
    assert only_live == {}  # the queryset decides what may be shown


def test_language_choices_name_each_language_in_itself():
    choices = dict(language_choices())

    assert choices["fr"] == '<span lang="fr">Français</span>'
    assert set(choices) == {"en", "fr", "zh-hans"}
