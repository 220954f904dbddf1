from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, NewsIndexPage, NewsPage, StandardPage
from seminars.models import SeminarIndexPage, SeminarPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_standard_pages_and_one_news_and_seminar_index(self):
        self.assertAllowedSubpageTypes(HomePage, {StandardPage, NewsIndexPage, SeminarIndexPage})
        self.assertEqual(NewsIndexPage.max_count_per_parent, 1)
        self.assertEqual(SeminarIndexPage.max_count_per_parent, 1)

    def test_seminars_live_only_under_the_seminar_index_and_are_leaves(self):
        self.assertAllowedParentPageTypes(SeminarPage, {SeminarIndexPage})
        self.assertAllowedSubpageTypes(SeminarPage, set())

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_news_articles_only_under_the_news_index_and_are_leaves(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
