"""The applicant's pages of the submission stage: the documents step, a document's file, the
submission from the review step, and the withdrawal. Thin: they parse input and call
exchange.services; every application is the signed-in applicant's own (404 otherwise)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from exchange import summaries
from exchange.choices import ApplicationStep
from exchange.models import Application, ApplicationDocument
from exchange.services import documents, submission
from exchange.services.drafts import ApplicationError
from exchange.submission_forms import DocumentForm, SubmitForm, WithdrawForm, max_megabytes
from exchange.views import page_context, review_context
from portal.private import private_file_response

Step = ApplicationStep


def _own_application(request, pk):
    return get_object_or_404(Application.objects.of(request.user).select_related("call"), pk=pk)


def _summary_url(application):
    return reverse("exchange:application", args=(application.pk,))


@never_cache
@login_required
def documents_step(request, pk):
    """The documents the call asks for: each with its file (if uploaded), an upload or
    replacement form and a remove button. POST: `kind` and `action` (upload, remove)."""
    application = _own_application(request, pk)
    if request.method != "POST":
        return _render_documents(request, application)
    kind = request.POST.get("kind", "")
    if kind not in application.call.required_documents:
        raise Http404
    if request.POST.get("action") == "remove":
        return _remove(request, application, kind)
    form = DocumentForm(request.POST, request.FILES, kind=kind)
    if not form.is_valid():
        return _render_documents(request, application, failed=form, status=400)
    try:
        document = documents.upload_document(
            application, kind, form.cleaned_data["file"], by=request.user
        )
    except ApplicationError as exc:
        messages.error(request, str(exc))
        return _render_documents(request, application, status=400)
    messages.success(
        request,
        _("%(document)s saved: %(name)s.")
        % {"document": document.get_kind_display(), "name": document.original_name},
    )
    return redirect(summaries.step_url(application, Step.DOCUMENTS))


def _remove(request, application, kind):
    try:
        documents.remove_document(application, kind, by=request.user)
    except ApplicationError as exc:
        messages.error(request, str(exc))
        return _render_documents(request, application, status=400)
    messages.success(request, _("The document is removed."))
    return redirect(summaries.step_url(application, Step.DOCUMENTS))


def _render_documents(request, application, failed=None, status=200):
    """Each row gets its form; the one just refused keeps its errors."""
    rows = []
    for row in summaries.document_rows(application):
        form = failed if failed is not None and failed.kind == row.kind else None
        rows.append((row, form or DocumentForm(kind=row.kind)))
    context = {
        **page_context(request, application, Step.DOCUMENTS),
        "rows": rows,
        "failed": failed,
        "max_megabytes": max_megabytes(),
    }
    return TemplateResponse(request, "exchange/application_documents.html", context, status=status)


@never_cache
def document_file(request, pk, kind):
    """The applicant's own file. Anyone else (signed in or not, staff too) gets a 404: an
    address of a file says nothing about whether it exists."""
    own = ApplicationDocument.objects.filter(application__in=Application.objects.of(request.user))
    document = get_object_or_404(own, application_id=pk, kind=kind)
    try:
        file = document.open()
    except FileNotFoundError:
        raise Http404 from None
    return private_file_response(
        file, filename=document.original_name, content_type=document.content_type
    )


@never_cache
@login_required
@require_POST
def submit(request, pk):
    """Submit from the review step, once its box is ticked. The second of two tabs is shown
    the submitted application; a refusal shows the review with every reason."""
    application = _own_application(request, pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return _render_review(request, application, submit_form=form)
    try:
        application = submission.submit_application(application, by=request.user)
    except submission.AlreadySubmitted:
        messages.warning(request, _("This application is already submitted."))
        return redirect(_summary_url(application))
    except submission.SubmissionRefused as exc:
        return _render_review(request, application, refused=exc, submit_form=form)
    except ApplicationError as exc:
        messages.error(request, str(exc))
        return _render_review(request, application)
    messages.success(
        request,
        _(
            "Your application is submitted. Its reference is %(reference)s: we have emailed "
            "you an acknowledgement."
        )
        % {"reference": application.reference},
    )
    return redirect(_summary_url(application))


def _render_review(request, application, refused=None, submit_form=None):
    context = review_context(request, application)
    if refused is not None:
        context.update(missing=refused.missing, failures=refused.failures, refused=refused)
    if submit_form is not None and context["submit_form"] is not None:
        context["submit_form"] = submit_form
    return TemplateResponse(request, "exchange/application_review.html", context, status=400)


@never_cache
@login_required
def withdraw(request, pk):
    """GET: what withdrawing means, and the optional reason; POST: withdraw."""
    application = _own_application(request, pk)
    form = WithdrawForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            submission.withdraw_application(
                application, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Your application is withdrawn."))
            return redirect("exchange:dashboard")
    context = {
        **page_context(request, application, Step.REVIEW),
        "form": form,
        "error": error,
        "withdrawable": application.status in submission.WITHDRAWABLE,
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "exchange/application_withdraw.html", context, status=status)
