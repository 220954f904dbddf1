import datetime

import pytest
from django.utils import translation

from home.models import NewsIndexPage, NewsPage
from seminars.models import Registration, SeminarPage

LANGUAGES = ["zh-hans", "en", "fr"]
PAGES = {
    # path: the title expected in each language
    "/{lang}/": {
        "zh-hans": "中法乳腺肿瘤交流",
        "en": "Sino-French",
        "fr": "Échanges franco-chinois",
    },
    "/{lang}/about/": {
        "zh-hans": "关于合作",
        "en": "About the cooperation",
        "fr": "La coopération",
    },
    "/{lang}/news/": {"zh-hans": "新闻", "en": "News", "fr": "Actualités"},
    "/{lang}/news/cooperation-agreement-signed/": {
        "zh-hans": "长沙与巴黎签署合作协议",
        "en": "Cooperation agreement signed",
        "fr": "Signature de l’accord",
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_renders_in_every_language(client, demo, path, lang):
    response = client.get(path.format(lang=lang))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert PAGES[path][lang] in html


@pytest.mark.django_db
def test_interface_strings_follow_the_page_language(client, demo):
    html = client.get("/fr/").content.decode()

    assert "Aller au contenu principal" in html  # skip link
    assert "Actualités récentes" in html or "Dernières actualités" in html


@pytest.mark.django_db
def test_contact_details_from_the_demo_content_appear_in_the_footer(client, demo):
    html = client.get("/en/").content.decode()

    assert "+86-731-88651900" in html
    assert "+86-731-88651999" in html
    assert "283 Tongzipo Road" in html
    assert "Changsha 410013" in html


def _add_articles(index, count, start=0):
    for n in range(start, start + count):
        article = NewsPage(
            title=f"Article {n}",
            slug=f"article-{n}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            summary=f"Summary {n}",
        )
        index.add_child(instance=article)
        article.save_revision().publish()
        index.refresh_from_db()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/en/news/", "/en/news/?page=2", "/en/about/"])
def test_public_pages_run_a_fixed_number_of_queries_as_news_grows(
    client, demo, path, django_assert_max_num_queries
):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    client.get(path)  # warm per-process caches (site root paths, content types)
    with translation.override("en"):
        _add_articles(index, 5)
    with django_assert_max_num_queries(20) as small:
        client.get(path)
    _add_articles(index, 30, start=5)
    with django_assert_max_num_queries(20) as large:
        response = client.get(path)

    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_news_index_paginates_ten_articles_a_page_newest_first(client, demo):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    _add_articles(index, 12)

    first = client.get("/en/news/").content.decode()
    second = client.get("/en/news/?page=2").content.decode()
    bogus = client.get("/en/news/?page=zzz")

    assert "Article 11" in first and "Article 2" in first and "Article 1<" not in first
    assert "Article 0" in second and "Cooperation agreement signed" in second
    assert bogus.status_code == 200


@pytest.mark.django_db
def test_home_page_shows_friendly_empty_states_without_content(client, home_page):
    NewsPage.objects.all().delete()
    Registration.objects.all().delete()  # a seminar with registrations cannot be deleted
    SeminarPage.objects.all().delete()

    html = client.get("/en/").content.decode()

    assert "No seminar is open for registration yet" in html
    assert "No news yet." in html


@pytest.mark.django_db
def test_search_finds_pages_in_the_visitors_language_only(client, demo):
    english = client.get("/en/search/", {"q": "agreement"}).content.decode()
    chinese = client.get("/zh-hans/search/", {"q": "合作"}).content.decode()

    assert "Cooperation agreement signed" in english
    assert "签署合作协议" not in english
    assert "关于合作" in chinese or "签署合作协议" in chinese


@pytest.mark.django_db
def test_search_without_a_query_shows_the_form_only(client, demo):
    response = client.get("/en/search/")

    assert response.status_code == 200
    assert b"search-results" not in response.content
