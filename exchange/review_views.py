"""The reviewers' pages in the admin (DESIGN §2 Reviewer): their own assignments, grouped by
call; an assignment opens on the declaration of conflict of interest, then on the application
and its scoring. A coordinator reopens a submitted review from here too.

Every page starts from the asker's own reviews (Review.objects.assigned_to): another person's
review, or one with a declared conflict, answers 404. Only the reviewer roles (and superusers)
review at all: someone taken out of the Reviewers group no longer sees applications.
"""

import posixpath
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from exchange.choices import ReviewStatus
from exchange.dossier import dossier_response
from exchange.models import Review
from exchange.review_forms import DeclarationForm, ScoringForm
from exchange.review_summaries import (
    application_sections,
    identity,
    kind_label,
    localized_criteria,
    reference_of,
    visible_documents,
    visible_referees,
)
from exchange.services import reviews as services
from exchange.summaries import localized_call, localized_calls
from portal.history import audit_history
from portal.private import private_file_response

REVIEWER_ROLES = ("Reviewers", services.COORDINATORS)
DECLARED = (ReviewStatus.IN_PROGRESS, ReviewStatus.SUBMITTED)
ICON = "tasks"
RELATED = ("application__call", "application__applicant", "reviewer")


def may_review(user):
    """Reviewers, coordinators (for their own assignments) and superusers."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=REVIEWER_ROLES).exists()


def open_reviews(user):
    """The reviews `user` may open: their own, without a declared conflict."""
    if not may_review(user):
        return Review.objects.none()
    return Review.objects.assigned_to(user).select_related(*RELATED)


class ReviewsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review(request.user)


@dataclass(frozen=True)
class ReviewRow:
    review: Review
    who: str
    reference: str
    state: str
    state_label: str
    url: str
    due_at: datetime | None
    overdue: bool


def reviewer_state(review):
    """(key, label) of where `review` stands, in the reviewer's words."""
    if review.status == ReviewStatus.CONFLICT:
        return "conflict", _("Withdrawn: conflict of interest")
    if review.status == ReviewStatus.SUBMITTED:
        return "submitted", _("Submitted")
    if review.application.status not in services.UNDER_REVIEW:
        return "closed", _("No longer in review")
    if review.status == ReviewStatus.ASSIGNED:
        return "declare", _("To declare")
    return "scoring", _("Scoring")


def review_row(review, now):
    application = review.application
    state, label = reviewer_state(review)
    person = identity(application, blind=application.call.blind_review)
    return ReviewRow(
        review=review,
        # A declared conflict ends the reviewer's part: the reference only, nothing to open.
        who="" if state == "conflict" else person.summary,
        reference=person.reference,
        state=state,
        state_label=label,
        url="" if state == "conflict" else reverse("exchange_reviews:review", args=(review.pk,)),
        due_at=review.due_at,
        overdue=state in ("declare", "scoring") and bool(review.due_at and review.due_at < now),
    )


def call_groups(reviews):
    """[(call in the active language, [ReviewRow])], in the order of `reviews`."""
    local = localized_calls([review.application.call for review in reviews])
    now = timezone.now()
    groups = {}
    for review in reviews:
        call = review.application.call
        entry = groups.setdefault(call.pk, (local.get(call.translation_key, call), []))
        entry[1].append(review_row(review, now))
    return list(groups.values())


class MyReviewsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "exchange/admin/my_reviews.html"
    page_title = gettext_lazy("My reviews")
    header_icon = ICON

    def dispatch(self, request, *args, **kwargs):
        if not may_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        reviews = (
            Review.objects.filter(reviewer=self.request.user)
            .select_related(*RELATED)
            .order_by(
                "-application__call__closes_at",
                "application__call_id",
                "due_at",
                "application__reference",
                "pk",
            )
        )
        return {**super().get_context_data(**kwargs), "groups": call_groups(list(reviews))}


def _my_reviews_crumbs(view, last):
    return [
        *view.breadcrumbs_items,
        {"url": reverse("exchange_reviews:index"), "label": _("My reviews")},
        {"url": "", "label": last},
    ]


class ReviewView(WagtailAdminTemplateMixin, TemplateView):
    """One assignment: the declaration until it is made, then the application and its scores."""

    header_icon = ICON

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.review = get_object_or_404(open_reviews(request.user), pk=kwargs["review_id"])
        self.application = self.review.application
        self.blind = self.application.call.blind_review
        self.identity = identity(self.application, blind=self.blind)
        self.in_review = self.application.status in services.UNDER_REVIEW

    @property
    def declaring(self):
        return self.review.status == ReviewStatus.ASSIGNED

    def get_template_names(self):
        if self.declaring:
            return ["exchange/admin/review_declare.html"]
        return ["exchange/admin/review_score.html"]

    def get_page_title(self):
        return _("Review of %(reference)s") % {"reference": self.identity.reference}

    def get_page_subtitle(self):
        return localized_call(self.application.call).title

    def get_breadcrumbs_items(self):
        return _my_reviews_crumbs(self, self.identity.reference)

    def make_form(self, data=None):
        if self.declaring:
            return DeclarationForm(data)
        criteria = localized_criteria(services.review_criteria(self.review))
        submitting = data is not None and data.get("action") == "submit"
        return ScoringForm(data, criteria=criteria, review=self.review, submitting=submitting)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                return self.act(form)
            except services.ReviewError as error:
                messages.error(request, str(error))
        return self.render_to_response(self.get_context_data(form=form))

    def act(self, form):
        """Call the service for the form posted; a redirect, with what happened said."""
        request, review = self.request, self.review
        if self.declaring and form.conflict:
            services.declare_conflict(review, by=request.user, note=form.cleaned_data["note"])
            messages.success(
                request,
                _(
                    "Your conflict of interest is recorded: the programme coordinators will "
                    "assign someone else."
                ),
            )
            return redirect("exchange_reviews:index")
        if self.declaring:
            services.declare_no_conflict(review, by=request.user)
            messages.success(request, _("Thank you. The application is open for you to score."))
            return redirect("exchange_reviews:review", review.pk)
        texts = {key: form.cleaned_data[key] for key in ("comment", "recommendation")}
        if form.submitting:
            services.submit_review(review, by=request.user, scores=form.scores(), **texts)
            message = _("Your review of %(reference)s is submitted.")
            messages.success(request, message % {"reference": self.identity.reference})
            return redirect("exchange_reviews:index")
        services.save_review(review, by=request.user, scores=form.scores(), **texts)
        messages.success(request, _("Your review is saved as a draft."))
        return redirect("exchange_reviews:review", review.pk)

    def get_context_data(self, **kwargs):
        context = {
            **super().get_context_data(**kwargs),
            "review": self.review,
            "who": self.identity,
            "blind": self.blind,
            "in_review": self.in_review,
            "call": localized_call(self.application.call),
        }
        if not self.declaring:
            context.update(self.scoring_context(kwargs["form"]))
        return context

    def scoring_context(self, form):
        application, blind = self.application, self.blind
        saved = dict(self.review.scores.values_list("criterion_id", "value"))
        documents = visible_documents(application, blind=blind)
        return {
            "sections": application_sections(application, blind=blind),
            "documents": None if documents is None else [(d, kind_label(d)) for d in documents],
            "referees": visible_referees(application, blind=blind),
            "editable": self.review.status == ReviewStatus.IN_PROGRESS and self.in_review,
            "saved_scores": [(criterion, saved.get(criterion.pk)) for criterion in form.criteria],
            "can_reopen": self.review.status == ReviewStatus.SUBMITTED
            and services.is_coordinator(self.request.user),
            "history": audit_history(self.review),
        }


def _declared_review(request, review_id):
    """The asker's own review, declared without conflict: the key to the application's files."""
    reviews = open_reviews(request.user).filter(status__in=DECLARED)
    return get_object_or_404(reviews, pk=review_id)


def _pick(rows, pk):
    found = next((row for row in rows or () if row.pk == pk), None)
    if found is None:
        raise Http404
    return found


def review_document(request, review_id, document_id):
    """One of the application's documents, if the reviewer may see it (never an identifying
    one on a blind call)."""
    review = _declared_review(request, review_id)
    application = review.application
    blind = application.call.blind_review
    document = _pick(visible_documents(application, blind=blind), document_id)
    filename = document.original_name
    if blind:  # a file's own name often carries its owner's
        extension = posixpath.splitext(filename)[1]
        filename = f"{reference_of(application)}-{document.kind}{extension}"
    return private_file_response(
        document.open(), filename=filename, content_type=document.content_type or None
    )


def review_letter(request, review_id, referee_id):
    """A referee's uploaded letter (never on a blind call: it names the applicant)."""
    review = _declared_review(request, review_id)
    application = review.application
    referee = _pick(visible_referees(application, blind=application.call.blind_review), referee_id)
    if not referee.has_letter_file:
        raise Http404
    letter = referee.open_letter()
    extension = posixpath.splitext(getattr(letter, "name", "") or "")[1] or ".pdf"
    filename = f"{reference_of(application)}-letter-{referee.pk}{extension}"
    return private_file_response(letter, filename=filename)


def review_dossier(request, review_id):
    """The application's dossier for its reviewer, once they declared no conflict: on a blind
    call without what names the applicant (exchange.dossier)."""
    review = _declared_review(request, review_id)
    application = review.application
    return dossier_response(application, blind=application.call.blind_review)


class ReopenReviewView(WagtailAdminTemplateMixin, TemplateView):
    """A coordinator reopens a submitted review (anyone else: 404)."""

    template_name = "exchange/admin/review_reopen.html"
    page_title = gettext_lazy("Reopen a review")
    header_icon = ICON

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not services.is_coordinator(request.user):
            raise Http404
        submitted = Review.objects.filter(status=ReviewStatus.SUBMITTED).select_related(*RELATED)
        self.review = get_object_or_404(submitted, pk=kwargs["review_id"])

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def next_url(self):
        url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        allowed = url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return url if allowed else reverse("wagtailadmin_home")

    def get_context_data(self, **kwargs):
        application = self.review.application
        return {
            **super().get_context_data(**kwargs),
            "review": self.review,
            "reference": reference_of(application),
            "call": localized_call(application.call),
            "next": self.next_url(),
        }

    def post(self, request, *args, **kwargs):
        try:
            services.reopen_review(self.review, by=request.user)
        except services.ReviewError as error:
            messages.error(request, str(error))
            return redirect(request.path)
        messages.success(request, _("The review is reopened and its reviewer emailed."))
        return redirect(self.next_url())


review_urls = [
    path("", MyReviewsView.as_view(), name="index"),
    path("<int:review_id>/", ReviewView.as_view(), name="review"),
    path("<int:review_id>/documents/<int:document_id>/", review_document, name="document"),
    path("<int:review_id>/letters/<int:referee_id>/", review_letter, name="letter"),
    path("<int:review_id>/dossier/", review_dossier, name="dossier"),
    path("<int:review_id>/reopen/", ReopenReviewView.as_view(), name="reopen"),
]
