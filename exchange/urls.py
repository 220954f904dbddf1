from django.urls import path

from exchange import offer_views, views
from portal import converters  # noqa: F401 (registers the id converter)

app_name = "exchange"

# Inside i18n_patterns: the applicant's pages, /<lang>/my/…
urlpatterns = [
    path("my/", views.dashboard, name="dashboard"),
    path("my/apply/<id:call_pk>/", views.apply, name="apply"),
    path("my/applications/<id:pk>/", views.resume_application, name="application"),
    # Before the steps, whose <slug:step> would take "offer" for a step.
    path("my/applications/<id:pk>/offer/", offer_views.offer, name="offer"),
    path(
        "my/applications/<id:pk>/decision-letter.pdf",
        offer_views.decision_letter,
        name="decision_letter",
    ),
    path(
        "my/applications/<id:pk>/<slug:step>/",
        views.application_step,
        name="application_step",
    ),
]
