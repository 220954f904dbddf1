"""The project's URLs with a stand-in for the applicant side's `exchange:apply` where it is
not installed, so that the call page's apply button can be tested on its own."""

from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from portal.urls import handler400, handler404, handler500, urlpatterns  # noqa: F401


def _apply_is_routed():
    try:
        reverse("exchange:apply", args=[1], urlconf="portal.urls")
    except NoReverseMatch:
        return False
    return True


def _stand_in(request, pk):
    return HttpResponse(f"apply to {pk}")


if not _apply_is_routed():
    apply_urls = ([path("<int:pk>/", _stand_in, name="apply")], "exchange")
    urlpatterns = [path("apply-stand-in/", include(apply_urls)), *urlpatterns]
