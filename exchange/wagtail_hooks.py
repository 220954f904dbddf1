from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

LOG_ACTIONS = {
    "started": (_("Application started"), _("Application started")),
    "step_saved": (_("Application step saved"), _("Application step saved")),
}


@hooks.register("register_log_actions")
def register_application_actions(actions):
    for event, (label, message) in LOG_ACTIONS.items():
        actions.register_action(f"exchange.application.{event}", label, message)


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
