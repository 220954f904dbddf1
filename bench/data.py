"""Generated content at the chosen scale: news in every language, institutions and people."""

# Full-width and typographic punctuation is correct in the Chinese and French strings.

import datetime
import uuid

from django.db import transaction
from wagtail.models import Locale, Page

from home.models import Institution, NewsIndexPage, NewsPage, Person
from home.models.pages import NEWS_PER_PAGE

LANGUAGES = ["en", "zh-hans", "fr"]
FIRST_DATE = datetime.date(2025, 6, 30)
TEXT = {
    "en": {
        "title": "Exchange news {n}: {topic}",
        "summary": "Notes from the {topic} between the Changsha and Paris teams, item {n}.",
        "heading": "What happened",
        "paragraph": "<p>Both teams met for the {topic}. Surgeons, oncologists and nurses "
        "compared their practice and planned the next training placements.</p>",
        "quote": "We learn as much as we teach.",
        "topics": [
            "joint seminar",
            "training placement",
            "research meeting",
            "cooperation agreement review",
            "hospital visit",
        ],
    },
    "zh-hans": {
        "title": "交流新闻 {n}：{topic}",
        "summary": "长沙与巴黎团队{topic}纪要，第 {n} 条。",
        "heading": "活动概况",
        "paragraph": "<p>双方团队举行了{topic}。外科、肿瘤科医生和护士交流了临床经验，"
        "并规划了下一批进修培训。</p>",
        "quote": "教学相长。",
        "topics": ["联合研讨会", "进修培训", "科研会议", "合作协议回顾", "医院参观"],
    },
    "fr": {
        "title": "Actualité de l’échange {n} : {topic}",
        "summary": "Notes sur {topic} entre les équipes de Changsha et de Paris, n° {n}.",
        "heading": "Ce qui s’est passé",
        "paragraph": "<p>Les deux équipes se sont réunies pour {topic}. Chirurgiens, "
        "oncologues et infirmiers ont comparé leurs pratiques.</p>",
        "quote": "Nous apprenons autant que nous enseignons.",
        "topics": [
            "le séminaire commun",
            "le stage de formation",
            "la réunion de recherche",
            "la revue de l’accord",
            "la visite de l’hôpital",
        ],
    },
}


def news_indexes():
    return {
        code: NewsIndexPage.objects.filter(locale__language_code=code).get() for code in LANGUAGES
    }


def middle_page_number(scale):
    """The middle page of the news index once `scale` articles join the demo article."""
    pages = -(-(scale + 1) // NEWS_PER_PAGE)
    return pages // 2 + 1


def _article(code, n, key, locale):
    text = TEXT[code]
    topic = text["topics"][n % len(text["topics"])]
    fill = {"n": n, "topic": topic}
    return NewsPage(
        title=text["title"].format(**fill),
        slug=f"bench-article-{n:05d}",
        locale=locale,
        translation_key=key,
        date=FIRST_DATE - datetime.timedelta(days=n),
        summary=text["summary"].format(**fill),
        body=[
            ("heading", {"text": text["heading"], "level": "h2"}),
            ("paragraph", text["paragraph"].format(**fill)),
            ("quote", {"text": text["quote"], "attribution": "Bench"}),
        ],
    )


def generate_news(scale):
    """Publish `scale` articles under each language's news index, as an editor would.

    Article n is the same article in every language (one translation_key), so the language
    switcher links translations. One transaction per language: many times faster on SQLite.
    """
    indexes = news_indexes()
    before = {code: index.get_children().count() for code, index in indexes.items()}
    keys = [uuid.uuid4() for _ in range(scale)]
    for code, index in indexes.items():
        with transaction.atomic():
            for n, key in enumerate(keys):
                article = _article(code, n, key, index.locale)
                index.add_child(instance=article)
                article.save_revision().publish()
    check_tree(indexes, {code: count + scale for code, count in before.items()})


def check_tree(indexes, expected):
    """The tree must be valid as built: no repair (fix_tree), only checks."""
    problems = Page.find_problems()
    if any(problems):
        names = ("evil_chars", "bad_steplen", "orphans", "wrong_depth", "wrong_numchild")
        raise RuntimeError(f"Page tree problems: {dict(zip(names, problems, strict=True))}")
    for code, index in indexes.items():
        index.refresh_from_db()
        children = index.get_children().count()
        live = NewsPage.objects.live().child_of(index).count()
        if not index.numchild == children == live == expected[code]:
            raise RuntimeError(
                f"{code} news index: numchild={index.numchild}, children={children}, "
                f"live={live}, expected {expected[code]}"
            )


def generate_snippets(institutions, people):
    """Institutions and people in the default language, saved one by one (search-indexed)."""
    locale = Locale.get_default()
    with transaction.atomic():
        made = [
            Institution.objects.create(
                name=f"Bench institution {n:03d}",
                short_name=f"BI{n:03d}",
                city="Changsha" if n % 2 else "Paris",
                country="China" if n % 2 else "France",
                locale=locale,
            )
            for n in range(institutions)
        ]
        for n in range(people):
            Person.objects.create(
                name=f"Bench person {n:04d}",
                title="Visiting surgeon",
                institution=made[n % len(made)],
                bio="Took part in the exchange programme.",
                locale=locale,
            )


def counts():
    return {
        "pages": Page.objects.count(),
        "news_pages": NewsPage.objects.count(),
        "institutions": Institution.objects.count(),
        "people": Person.objects.count(),
    }
