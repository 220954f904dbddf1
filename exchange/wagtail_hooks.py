from django.db.models import Count
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks

from exchange.admin_actions import BULK_ACTIONS as SCREENING_BULK_ACTIONS
from exchange.models import Application
from exchange.review_views import ReviewsMenuItem, review_urls
from exchange.viewsets import application_viewset
from portal.page_deletion import refuse_deletion, under

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
    "document_uploaded": (_("Document uploaded"), _("Document uploaded")),
    "document_removed": (_("Document removed"), _("Document removed")),
    "submitted": (_("Application submitted"), _("Application submitted")),
    "resubmitted": (_("Application submitted again"), _("Application submitted again")),
    "withdrawn": (_("Application withdrawn"), _("Application withdrawn")),
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


# The programme coordinators' back office: the application listing, screening, reviewers.

SCREENING_LOG_ACTIONS = {
    "screening_opened": (_("Screening started"), _("Screening started")),
    "accepted_for_review": (_("Accepted for review"), _("Accepted for review")),
    "returned": (_("Returned for corrections"), _("Returned for corrections")),
    "marked_ineligible": (_("Marked ineligible"), _("Marked ineligible")),
    "deadline_extended": (_("Deadline extended"), _("Deadline extended")),
    "reviewer_assigned": (_("Reviewer assigned"), _("Reviewer assigned")),
    "reviewer_unassigned": (
        _("Reviewer's assignment withdrawn"),
        _("Reviewer's assignment withdrawn"),
    ),
}


@hooks.register("register_log_actions")
def register_screening_actions(actions):
    for event, (label, message) in SCREENING_LOG_ACTIONS.items():
        actions.register_action(f"exchange.application.{event}", label, message)


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return application_viewset


for bulk_action in SCREENING_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


# Decisions: the ranking, the release, the offers.

DECISION_LOG_ACTIONS = {
    "decided": (_("Decision taken"), _("Decision taken")),
    "decision_released": (_("Decision released to the applicant"), _("Decision released")),
    "letter_issued": (_("Decision letter issued"), _("Decision letter issued")),
    "offer_accepted": (_("Offered place accepted"), _("Offered place accepted")),
    "offer_declined": (_("Offered place declined"), _("Offered place declined")),
    "offer_lapsed": (_("Offer expired without an answer"), _("Offer expired")),
    "promoted": (_("Place offered from the reserve list"), _("Promoted from the reserve list")),
}


@hooks.register("register_log_actions")
def register_decision_actions(actions):
    for event, (label, message) in DECISION_LOG_ACTIONS.items():
        actions.register_action(f"exchange.application.{event}", label, message)


@hooks.register("register_admin_urls")
def register_ranking_urls():
    from exchange.ranking_views import ranking_urls

    return [
        path(
            "programmes/ranking/",
            include((ranking_urls, "exchange_ranking"), namespace="exchange_ranking"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_ranking_menu_item():
    from exchange.ranking_views import RankingMenuItem

    return RankingMenuItem(
        _("Ranking and decisions"),
        reverse("exchange_ranking:index"),
        icon_name="list-ol",
        order=290,
    )


@refuse_deletion
def calls_with_applications(pages):
    """Application.call is PROTECT: a call with applications (drafts included: they are the
    applicants' work), or a page above one, is not deleted (portal.page_deletion). The
    applications belong to the call's canonical page, so its translations may still go."""
    calls = (
        Application.objects.filter(under(pages, "call"))
        .values("call", "call__title")
        .annotate(count=Count("pk"))
        .order_by("call__title", "call")[:3]
    )
    return [
        ngettext(
            "Not deleted: the call “%(title)s” has %(count)d application, which would be lost "
            "with it. Unpublish the page instead.",
            "Not deleted: the call “%(title)s” has %(count)d applications, which would be lost "
            "with it. Unpublish the page instead.",
            call["count"],
        )
        % {"title": call["call__title"], "count": call["count"]}
        for call in calls
    ]
