"""The applicant's side of a released decision, under /<lang>/my/applications/<pk>/: the offer
of a place (accept, or decline with an optional reason) and the decision letter (PDF).

Thin: they call exchange.services.offers and exchange.letters. Only the owner of a released
decision reaches them; another person's application, one not decided or not yet released, and
an unknown id are a 404, and so is the letter for a visitor who is not signed in.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from exchange import letters, summaries
from exchange.choices import DECIDED, ApplicationStatus
from exchange.models import Application
from exchange.referee_emails import contact_email
from exchange.services import offers
from exchange.services.drafts import ApplicationError
from portal.documents import DocumentWithdrawn, render_document_pdf, withdrawn_response
from portal.private import private_file_response

Status = ApplicationStatus
# Where an offer was made: open, answered or lapsed.
OFFERED = (Status.SELECTED, Status.OFFER_ACCEPTED, Status.OFFER_DECLINED, Status.OFFER_LAPSED)
# Every released decision has a letter: the committee's, whatever happened to the offer since.
WITH_LETTER = (*DECIDED, Status.OFFER_ACCEPTED, Status.OFFER_DECLINED, Status.OFFER_LAPSED)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why you decline"),
        required=False,
        max_length=offers.MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("It helps the committee; it does not change the decision."),
    )


def released(user):
    """`user`'s applications whose decision is released (none for an anonymous visitor)."""
    now = timezone.now()
    return Application.objects.of(user).filter(decision_released_at__lte=now)


def offer_state(application, now=None):
    """open, accepted, declined or expired (lapsed, or past its deadline and about to be)."""
    now = now or timezone.now()
    if application.status == Status.OFFER_ACCEPTED:
        return "accepted"
    if application.status == Status.OFFER_DECLINED:
        return "declined"
    if application.status == Status.SELECTED and now < application.offer_deadline:
        return "open"
    return "expired"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def offer(request, pk):
    """GET: the place offered and the deadline in both hospitals' time; POST: the answer."""
    application = get_object_or_404(
        released(request.user).filter(status__in=OFFERED).select_related("call"), pk=pk
    )
    form = DeclineForm()
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "accept":
        _answer(request, application, action, "")
        return redirect("exchange:offer", pk=application.pk)
    if action == "decline":
        form = DeclineForm(request.POST)
        if form.is_valid():
            _answer(request, application, action, form.cleaned_data["reason"])
            return redirect("exchange:offer", pk=application.pk)
    context = {
        "application": application,
        "call": application.call,
        "local_call": summaries.localized_call(application.call),
        "state": offer_state(application),
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "exchange/application_offer.html", context, status=status)


def _answer(request, application, action, reason):
    try:
        if action == "accept":
            offers.accept_offer(application, by=request.user)
            messages.success(
                request, _("You have accepted your place. We have emailed you a confirmation.")
            )
        else:
            offers.decline_offer(application, by=request.user, reason=reason)
            messages.success(request, _("You have declined the place. Thank you for telling us."))
    except ApplicationError as exc:
        messages.error(request, str(exc))


@require_http_methods(["GET"])
def decision_letter(request, pk):
    """The decision letter as a PDF (the private response carries its own no-store headers),
    or a page saying it was withdrawn (410) when staff revoked it and have not re-issued it."""
    application = get_object_or_404(
        released(request.user).filter(status__in=WITH_LETTER).select_related("call", "applicant"),
        pk=pk,
    )
    try:
        with transaction.atomic():
            document = letters.decision_letter(application)
    except DocumentWithdrawn as withdrawn:
        contact = contact_email(get_language())
        return withdrawn_response(request, withdrawn.document, contact_email=contact)
    name = application.reference or str(application.pk)
    return private_file_response(
        render_document_pdf(document), filename=f"decision-letter-{name}.pdf"
    )
