"""Site search in the three languages, against the demo content and pages built like it; run on
SQLite (FTS5) and, in CI, on PostgreSQL (tsvector)."""

import io
import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Or, PlainText

from home.models import StandardPage


def found(client, lang, query, pages=5):
    """The paths of the search results for `query` on the `lang` search page, from its first
    `pages` pages (the demo content fills more than one for common words)."""
    paths = set()
    for page in range(1, pages + 1):
        response = client.get(f"/{lang}/search/", {"q": query, "page": page})
        assert response.status_code == 200
        new = set(re.findall(r'<h2>\s*<a href="([^"]+)"', response.content.decode())) - paths
        if not new:  # past the last page, the paginator repeats it
            break
        paths |= new
    return paths


def add_chinese_page(home_page, title, paragraph, slug="zh-test-page"):
    """A published Chinese standard page whose text sits in a StreamField paragraph."""
    chinese_home = home_page.get_translation(Locale.objects.get(language_code="zh-hans"))
    page = StandardPage(
        title=title,
        slug=slug,
        locale=chinese_home.locale,
        body=[("paragraph", f"<p>{paragraph}</p>")],
    )
    chinese_home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("乳腺", {"/zh-hans/about/", "/zh-hans/news/cooperation-agreement-signed/"}),
        ("长沙", {"/zh-hans/news/cooperation-agreement-signed/", "/zh-hans/privacy/"}),
        ("MDT", {"/zh-hans/seminars/online-mdt-2026-12/"}),
        ("2026", {"/zh-hans/seminars/sino-france-mastopathy-day-2026/"}),
        ("中法乳腺肿瘤交流", {"/zh-hans/about/"}),
        ("乳腺肿瘤", {"/zh-hans/about/", "/zh-hans/news/cooperation-agreement-signed/"}),
    ],
)
def test_chinese_search_finds_words_inside_page_text(client, demo, query, expected):
    assert expected <= found(client, "zh-hans", query)


@pytest.mark.django_db
def test_chinese_search_finds_words_in_titles(client, demo):
    # 签署 ("sign") is only inside the news title and body, never a whole title.
    assert "/zh-hans/news/cooperation-agreement-signed/" in found(client, "zh-hans", "签署")


@pytest.mark.django_db
def test_chinese_search_finds_words_in_streamfield_body_text(client, home_page):
    add_chinese_page(home_page, "随访", "我们讨论保乳手术后的放射治疗和长期随访。")

    assert "/zh-hans/zh-test-page/" in found(client, "zh-hans", "放射治疗")
    assert "/zh-hans/zh-test-page/" in found(client, "zh-hans", "保乳手术 随访")
    assert "/zh-hans/zh-test-page/" not in found(client, "zh-hans", "心脏")


@pytest.mark.django_db
def test_chinese_word_is_found_where_the_page_text_was_segmented_differently(client, home_page):
    # In 中法乳腺肿瘤交流 the segmenter cuts 中 | 法, while the query 中法 is one word.
    add_chinese_page(home_page, "平台", "这是中法乳腺肿瘤交流平台。")

    assert "/zh-hans/zh-test-page/" in found(client, "zh-hans", "中法")


@pytest.mark.django_db
def test_chinese_search_does_not_match_characters_that_are_apart(client, home_page):
    # 乳 and 腺 both appear, but not as the word 乳腺.
    add_chinese_page(home_page, "测试", "母乳喂养与甲状腺。")

    assert "/zh-hans/zh-test-page/" not in found(client, "zh-hans", "乳腺")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("fr", "sein", "/fr/about/"),
        ("en", "breast", "/en/about/"),
        ("en", "MDT", "/en/seminars/online-mdt-2026-12/"),
        ("en", "2026", "/en/seminars/sino-france-mastopathy-day-2026/"),
        ("fr", "sénologie", "/fr/seminars/sino-france-mastopathy-day-2026/"),
    ],
)
def test_latin_script_search_finds_words(client, demo, lang, query, expected):
    assert expected in found(client, lang, query)


@pytest.mark.django_db
def test_search_stays_in_the_visitors_language(client, demo):
    assert not any(path.startswith("/zh-hans/") for path in found(client, "en", "MDT"))
    assert found(client, "en", "乳腺") == set()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ['"', 'a"b', "!!!", "，", "“乳腺”", "*", "NOT", "(乳腺"])
def test_query_syntax_characters_are_searched_as_text(client, demo, query):
    response = client.get("/zh-hans/search/", {"q": query})

    assert response.status_code == 200


@pytest.mark.django_db
def test_update_index_rebuilds_the_chinese_index(client, demo):
    IndexEntry.objects.all().delete()
    assert found(client, "zh-hans", "长沙") == set()

    call_command("update_index", stdout=io.StringIO())

    assert "/zh-hans/news/cooperation-agreement-signed/" in found(client, "zh-hans", "长沙")


@pytest.mark.django_db
def test_admin_autocomplete_finds_chinese_words_in_titles(demo):
    chinese_pages = Page.objects.filter(locale=Locale.objects.get(language_code="zh-hans"))

    titles = {page.title for page in chinese_pages.autocomplete("巴黎")}

    assert "长沙与巴黎签署合作协议" in titles


@pytest.mark.django_db
def test_punctuation_only_part_of_a_combined_query_matches_nothing_rather_than_everything(demo):
    chinese_pages = Page.objects.filter(locale=Locale.objects.get(language_code="zh-hans"))

    either = chinese_pages.search(Or([PlainText("，"), PlainText("巴黎")]))
    both = chinese_pages.search(And([PlainText("，"), PlainText("巴黎")]))

    paris = {page.pk for page in chinese_pages.search("巴黎")}
    assert {page.pk for page in either} == paris
    assert len(paris) < chinese_pages.count()
    assert list(both) == []
