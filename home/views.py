from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10


def search(request):
    """Full-text search over live pages in the visitor's language (PostgreSQL FTS when there)."""
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(query)
        )
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "results": page})
