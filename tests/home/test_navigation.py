import re

import pytest
from wagtail.models import Locale

from home.models import StandardPage


def _switcher_links(html):
    nav = re.search(r'<nav class="lang-switcher".*?</nav>', html, re.S).group(0)
    return dict(re.findall(r'href="([^"]+)"\s+lang="([^"]+)"', nav))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "target"),
    [("zh-CN,zh;q=0.9", "/zh-hans/"), ("fr-FR,fr;q=0.9,en;q=0.5", "/fr/"), ("de-DE", "/en/")],
)
def test_root_sends_the_visitor_to_their_browser_language(client, home_page, accept, target):
    response = client.get("/", headers={"accept-language": accept})

    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.django_db
def test_switcher_keeps_the_visitor_on_the_translated_page(client, demo):
    links = _switcher_links(client.get("/en/about/").content.decode())

    assert links == {"/zh-hans/about/": "zh-hans", "/en/about/": "en", "/fr/about/": "fr"}


@pytest.mark.django_db
def test_switcher_falls_back_to_that_languages_home_page(client, demo):
    english_only = StandardPage(title="Visa guide", slug="visa-guide")
    demo.add_child(instance=english_only)
    english_only.save_revision().publish()

    html = client.get("/en/visa-guide/").content.decode()
    links = _switcher_links(html)

    assert links == {"/zh-hans/": "zh-hans", "/en/visa-guide/": "en", "/fr/": "fr"}
    assert 'hreflang="fr"' not in html.split("</head>")[0]


@pytest.mark.django_db
def test_draft_translation_is_not_offered(client, demo):
    french = StandardPage.objects.get(slug="about", locale__language_code="fr")
    french.unpublish()

    links = _switcher_links(client.get("/en/about/").content.decode())

    assert links["/fr/"] == "fr"


@pytest.mark.django_db
def test_head_lists_hreflang_alternates_of_each_translation(client, demo):
    head = client.get("/fr/about/").content.decode().split("</head>")[0]

    for lang in ("zh-hans", "en", "fr"):
        assert re.search(rf'hreflang="{lang}" href="http://testserver/{lang}/about/"', head)


@pytest.mark.django_db
def test_switcher_on_search_keeps_the_query(client, demo):
    links = _switcher_links(client.get("/en/search/?q=MDT").content.decode())

    assert "/fr/search/?q=MDT" in links


@pytest.mark.django_db
def test_main_menu_lists_pages_shown_in_menus_in_the_visitors_language(client, demo):
    hidden = StandardPage(title="Internal", slug="internal", show_in_menus=False)
    demo.add_child(instance=hidden)
    hidden.save_revision().publish()

    menu = re.search(r'<nav class="main-menu".*?</nav>', client.get("/fr/").content.decode(), re.S)

    assert "La coopération" in menu.group(0)
    assert "Actualités" in menu.group(0)
    assert "Internal" not in menu.group(0)


@pytest.mark.django_db
def test_breadcrumbs_lead_back_home(client, demo):
    html = client.get("/zh-hans/news/cooperation-agreement-signed/").content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)

    assert 'href="/zh-hans/"' in crumbs
    assert 'href="/zh-hans/news/"' in crumbs
    assert 'aria-current="page">长沙与巴黎签署合作协议' in crumbs


@pytest.mark.django_db
def test_three_content_locales_exist(home_page):
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"zh-hans", "en", "fr"}


@pytest.mark.django_db
def test_sitemap_lists_every_language(client, demo):
    xml = client.get("/sitemap.xml").content.decode()

    for lang in ("zh-hans", "en", "fr"):
        assert f"/{lang}/about/</loc>" in xml
        assert f"/{lang}/news/cooperation-agreement-signed/</loc>" in xml
