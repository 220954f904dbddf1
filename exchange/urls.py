from django.urls import path

from exchange import offer_views, referee_views, submission_views, views
from portal import converters  # noqa: F401 (registers the id and token converters)

app_name = "exchange"

# Inside i18n_patterns: the applicant's pages, /<lang>/my/…
urlpatterns = [
    path("my/", views.dashboard, name="dashboard"),
    path("my/apply/<id:call_pk>/", views.apply, name="apply"),
    path("my/applications/<id:pk>/", views.resume_application, name="application"),
    # Before the steps' pattern, which would take their last segment for a step. The documents
    # step has a view of its own, which also answers the address application_step builds.
    path(
        "my/applications/<id:pk>/documents/",
        submission_views.documents_step,
        name="application_documents",
    ),
    path("my/applications/<id:pk>/submit/", submission_views.submit, name="submit"),
    path("my/applications/<id:pk>/withdraw/", submission_views.withdraw, name="withdraw"),
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
    # The referee's private page (no account), and the thanks once the letter is in.
    path("referee/thank-you/", referee_views.referee_thanks, name="referee_thanks"),
    path("referee/<token:token>/", referee_views.referee_request, name="referee"),
    path(
        "my/applications/<id:pk>/documents/<slug:kind>/",
        submission_views.document_file,
        name="application_document",
    ),
]
