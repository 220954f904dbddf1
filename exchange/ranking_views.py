"""The coordinators' ranking in the admin: the calls with applications to decide, then one
call's ranking with a decision form per row and "select the top N" (exchange.ranking,
exchange.services.decisions). For Programme coordinators and superusers
(exchange.change_application); thin, the rules are in the services."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from exchange import ranking, summaries
from exchange.choices import DECIDED, ApplicationStatus
from exchange.models import Application, ProgrammePage
from exchange.services import decisions
from exchange.services.drafts import ApplicationError

Status = ApplicationStatus
CHANGE_PERMISSION = "exchange.change_application"
can_decide = permission_required(CHANGE_PERMISSION, raise_exception=True)


class RankingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(CHANGE_PERMISSION)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("", "—"), *((status.value, status.label) for status in DECIDED)],
    )
    reserve_rank = forms.IntegerField(
        label=gettext_lazy("Reserve rank"),
        required=False,
        min_value=1,
        max_value=999,
        help_text=gettext_lazy("For the reserve list; empty: last."),
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=2000)

    @classmethod
    def for_application(cls, application):
        decided = application.status in DECIDED
        return cls(
            initial={
                "outcome": application.status if decided else "",
                "reserve_rank": application.reserve_rank,
                "note": application.decision_note,
            },
            auto_id=f"decision-{application.pk}-%s",
        )


def _calls():
    """Canonical calls with applications in review or decided, with their counts."""
    ranked = Q(applications__status__in=ranking.RANKED_STATUSES)
    calls = ProgrammePage.objects.annotate(
        in_review=Count("applications", filter=Q(applications__status=Status.IN_REVIEW)),
        decided=Count("applications", filter=ranked & ~Q(applications__status=Status.IN_REVIEW)),
        released=Count(
            "applications", filter=ranked & Q(applications__decision_released_at__isnull=False)
        ),
    )
    return calls.filter(Q(in_review__gt=0) | Q(decided__gt=0)).order_by(
        "-decision_release_at", "pk"
    )


def _with_titles(calls):
    """Each call with `admin_title`: its title in the admin's language where translated."""
    calls = list(calls)
    local = summaries.localized_calls(calls)
    for call in calls:
        call.admin_title = local.get(call.translation_key, call).title
    return calls


@method_decorator(can_decide, name="dispatch")
class RankingIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "exchange/admin/ranking_index.html"
    page_title = gettext_lazy("Ranking and decisions")
    header_icon = "list-ol"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "calls": _with_titles(_calls())}


@method_decorator(can_decide, name="dispatch")
class CallRankingView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "exchange/admin/ranking.html"
    page_title = gettext_lazy("Ranking and decisions")
    header_icon = "list-ol"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.call = _with_titles([get_object_or_404(ProgrammePage, pk=kwargs["call_id"])])[0]

    def get_page_subtitle(self):
        return self.call.admin_title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("exchange_ranking:index"), "label": self.get_page_title()},
            {"url": "", "label": self.call.admin_title},
        ]

    def get_context_data(self, **kwargs):
        rows = ranking.ranking(self.call)
        for row in rows:
            row.decision_form = (
                None if row.decision_released_at else DecisionForm.for_application(row)
            )
        held = sum(row.status in decisions.HOLDING_A_PLACE for row in rows)
        return {
            **super().get_context_data(**kwargs),
            "call": self.call,
            "rows": rows,
            "held": held,
            "free_places": max(self.call.places - held, 0),
            "release_passed": self.call.decision_release_at <= timezone.now(),
            "min_reviews": ranking.MIN_REVIEWS,
        }


def _back(call_id, application_id=None):
    url = reverse("exchange_ranking:call", args=(call_id,))
    return redirect(f"{url}#application-{application_id}" if application_id else url)


@can_decide
@require_POST
def decide(request, call_id, application_id):
    application = get_object_or_404(
        Application.objects.filter(call_id=call_id).select_related("applicant"), pk=application_id
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The decision was not saved: check the decision and the rank."))
        return _back(call_id, application_id)
    name = application.applicant.get_full_name() or application.reference
    try:
        decided = decisions.decide_application(application, by=request.user, **form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, f"{name}: {exc}")
    else:
        messages.success(
            request,
            _("%(name)s: %(decision)s.") % {"name": name, "decision": _decision_words(decided)},
        )
    return _back(call_id, application_id)


def _decision_words(application):
    if application.status == Status.RESERVE:
        return _("Reserve list, number %(rank)s") % {"rank": application.reserve_rank}
    return application.get_status_display()


@can_decide
@require_POST
def select_top(request, call_id):
    call = get_object_or_404(ProgrammePage, pk=call_id)
    try:
        selected = decisions.select_top(call, by=request.user)
    except ApplicationError as exc:
        messages.error(request, str(exc))
        return _back(call_id)
    if selected:
        count = len(selected)
        messages.success(
            request,
            ngettext("%(count)s application selected.", "%(count)s applications selected.", count)
            % {"count": count},
        )
    else:
        messages.warning(
            request, _("Nothing selected: every place is held, or nothing is left in review.")
        )
    return _back(call_id)


ranking_urls = [
    path("", RankingIndexView.as_view(), name="index"),
    path("<int:call_id>/", CallRankingView.as_view(), name="call"),
    path("<int:call_id>/select-top/", select_top, name="select_top"),
    path("<int:call_id>/<int:application_id>/decide/", decide, name="decide"),
]
