"""The applicant's pages under /<lang>/my/: thin, they parse input and call exchange.services.

Every page is the signed-in applicant's own: an application of someone else, an unknown id or
step is a 404. Nothing here is cached or indexed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Locale

from exchange import eligibility, recovery, referee_step, services, summaries
from exchange.choices import ApplicationStep
from exchange.forms import STEP_FORMS
from exchange.models import Application, ProgrammeIndexPage, ProgrammePage
from exchange.models.applications import FORM_STEPS
from exchange.services import submission
from exchange.submission_forms import SubmitForm
from portal.signin.adapter import email_verified

Step = ApplicationStep


def _open_calls_context():
    locale = Locale.get_active()
    return {
        "open_calls": ProgrammePage.open_calls(locale.pk, 10),
        "programme_index": ProgrammeIndexPage.objects.live().filter(locale=locale).first(),
    }


@never_cache
@login_required
def dashboard(request):
    """Each of the applicant's applications: status in their words, what is due and when."""
    applications = (
        Application.objects.of(request.user)
        .select_related("call")
        .prefetch_related("documents", "referees")
    )
    rows = summaries.dashboard_rows(applications)
    context = {
        "rows": rows,
        "email_verified": email_verified(request.user),
        "withdrawable_statuses": submission.WITHDRAWABLE,
    }
    if not rows:
        context.update(_open_calls_context())
    return TemplateResponse(request, "exchange/application_dashboard.html", context)


def _call_or_404(call_pk):
    call = ProgrammePage.objects.live().public().filter(pk=call_pk).first()
    if call is None:
        raise Http404
    return call.canonical


@never_cache
@login_required
def apply(request, call_pk):
    """GET: what applying involves; POST: start the application, or resume the one begun."""
    call = _call_or_404(call_pk)
    existing = Application.objects.of(request.user).filter(call=call).first()
    error = ""
    if request.method == "POST":
        try:
            application = services.start_application(call, by=request.user)
        except services.ApplicationError as exc:
            error = str(exc)
        else:
            return redirect(summaries.step_url(application, application.first_incomplete_step()))
    context = {
        "call": call,
        "local_call": summaries.localized_call(call),
        "existing": existing,
        "error": error,
        "email_verified": email_verified(request.user),
        # Every step that asks for something: the documents and referees too, not the review.
        "steps": [step for step in Step if step != Step.REVIEW],
    }
    return TemplateResponse(
        request, "exchange/application_start.html", context, status=400 if error else 200
    )


@never_cache
@login_required
def resume_application(request, pk):
    """The application's address: while it can be changed, its first step with something
    missing; once submitted, what was submitted, read-only, with its reference."""
    application = get_object_or_404(
        Application.objects.of(request.user).select_related("call"), pk=pk
    )
    if application.is_editable():
        return redirect(summaries.step_url(application, application.first_incomplete_step()))
    context = {
        **page_context(request, application, Step.REVIEW),
        "sections": summaries.review_sections(application),
        "documents": summaries.document_rows(application),
        "action": summaries.next_action(application),
        "applicant_status": application.applicant_status(),
        "can_withdraw": application.status in submission.WITHDRAWABLE,
    }
    return TemplateResponse(request, "exchange/application_summary.html", context)


@never_cache
def application_step(request, pk, step):
    """One step of the form. A POST whose session has expired is kept for after the sign-in."""
    if step not in Step.values:
        raise Http404
    if not request.user.is_authenticated:
        if request.method == "POST" and step in FORM_STEPS:
            recovery.keep_posted_step(request, pk, step)
        return redirect_to_login(request.get_full_path())
    application = get_object_or_404(
        Application.objects.of(request.user).select_related("call"), pk=pk
    )
    if step == Step.REVIEW:
        return _review(request, application)
    if step == Step.REFEREES:
        context = page_context(request, application, step)
        return referee_step.referees_step(request, application, context)
    kept = recovery.take_kept_step(request, application, step)
    if request.method == "POST":  # what is posted now replaces anything kept from before
        return _save_step(request, application, step, request.POST)
    if kept is not None:
        return _save_step(request, application, step, kept, recovered=True)
    form = STEP_FORMS[step](application=application)
    return _render_step(request, application, step, form)


def _save_step(request, application, step, data, recovered=False):
    form = STEP_FORMS[step](data, application=application)
    if not form.is_valid():
        return _render_step(request, application, step, form, status=400)
    try:
        application = services.save_application_step(
            application, step, form.step_data(), by=request.user
        )
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
        return _render_step(request, application, step, form, status=400)
    recovery.mark_saved(request, application, step)
    if recovered:
        messages.success(request, _("What you typed before signing in again is saved."))
    if data.get("action") == "continue":
        _say_what_is_missing(request, application, step)
        return redirect(summaries.step_url(application, _next_step(step)))
    if not recovered:
        messages.success(request, _("Your draft is saved."))
    return redirect(summaries.step_url(application, step))


def _next_step(step):
    steps = list(Step.values)
    return steps[steps.index(step) + 1]


def _say_what_is_missing(request, application, step):
    missing = application.missing_items(step)
    if missing:
        messages.warning(
            request,
            _("Saved. Still to give on “%(step)s”: %(items)s. You can come back to it any time.")
            % {"step": Step(step).label, "items": ", ".join(str(item.label) for item in missing)},
        )


def page_context(request, application, step):
    """What every page of one application shows: the call, the steps, whether it can change."""
    return {
        "application": application,
        "call": application.call,
        "local_call": summaries.localized_call(application.call),
        "step": Step(step),
        "steps": summaries.step_links(application, step),
        "editable": application.is_editable(),
        "saved_draft_key": recovery.take_saved(request),
    }


def _render_step(request, application, step, form, status=200):
    if not application.is_editable():
        for field in form.fields.values():
            field.disabled = True
    context = {
        **page_context(request, application, step),
        "form": form,
        "draft_key": recovery.draft_key(application, step),
    }
    return TemplateResponse(request, "exchange/application_step.html", context, status=status)


def review_context(request, application):
    """The review step: every answer, what is still missing, the call's rules not met, and
    the submit form while the application can be submitted."""
    editable = application.is_editable()
    return {
        **page_context(request, application, Step.REVIEW),
        "sections": summaries.review_sections(application),
        "documents": summaries.document_rows(application),
        "missing": submission.missing_for_submission(application),
        "failures": eligibility.check_eligibility(application) if editable else [],
        "submit_form": SubmitForm() if editable else None,
    }


def _review(request, application):
    context = review_context(request, application)
    return TemplateResponse(request, "exchange/application_review.html", context)
