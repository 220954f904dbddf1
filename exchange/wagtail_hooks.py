from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from exchange.review_views import ReviewsMenuItem, review_urls

LOG_ACTIONS = {
    "started": (_("Application started"), _("Application started")),
    "step_saved": (_("Application step saved"), _("Application step saved")),
    "referee_requested": (_("Referee asked for a letter"), _("Referee asked for a letter")),
    "referee_reminded": (_("Referee reminded"), _("Referee reminded")),
    "referee_replaced": (_("Referee replaced"), _("Referee replaced")),
    "referee_opened": (_("Referee opened the request"), _("Referee opened the request")),
    "reference_received": (
        _("Letter of recommendation received"),
        _("Letter of recommendation received"),
    ),
}


@hooks.register("register_log_actions")
def register_application_actions(actions):
    for event, (label, message) in LOG_ACTIONS.items():
        actions.register_action(f"exchange.application.{event}", label, message)


# The reviewers' side: their assignments, the declaration of conflict of interest, the scores.

REVIEW_LOG_ACTIONS = {
    "no_conflict_declared": _("No conflict of interest declared"),
    "conflict_declared": _("Conflict of interest declared"),
    "draft_saved": _("Review saved as a draft"),
    "submitted": _("Review submitted"),
    "reopened": _("Review reopened by a coordinator"),
}


@hooks.register("register_log_actions")
def register_review_actions(actions):
    for event, label in REVIEW_LOG_ACTIONS.items():
        actions.register_action(f"exchange.review.{event}", label, label)


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path(
            "reviews/",
            include((review_urls, "exchange_reviews"), namespace="exchange_reviews"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_reviews_menu_item():
    return ReviewsMenuItem(
        _("My reviews"), reverse("exchange_reviews:index"), icon_name="tasks", order=250
    )
