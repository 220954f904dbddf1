"""The referees step of the application (/<lang>/my/applications/<id>/referees/): thin.

The applicant names referees and sends each the request, reminds them and replaces them; the
page shows where each request stands in the applicant's words, never the letter. Every POST
names its `action` (request, remind, replace) and, for the last two, the `referee`; a referee
of another application is a 404. exchange.views.application_step hands over the page's base
context.
"""

import re

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from exchange.choices import ApplicationStep, RefereeStatus
from exchange.models.referees import LETTER_GRACE, letter_deadline, letters_accepted_until
from exchange.referee_forms import RefereeRequestForm
from exchange.services import referees as services
from exchange.summaries import step_url
from portal.converters import IdConverter

ACTIONS = ("request", "remind", "replace")


def referees_step(request, application, context):
    """GET: the referees and the form to ask one more; POST: one of ACTIONS."""
    prefetch_related_objects([application], "referees")
    if request.method != "POST":
        return _render(request, application, context)
    action = request.POST.get("action")
    if action not in ACTIONS:
        return _render(request, application, context, status=400)
    if action == "request":
        return _request(request, application, context)
    referee = _own_referee(application, request.POST.get("referee"))
    if action == "remind":
        return _remind(request, application, referee)
    return _replace(request, application, context, referee)


def _own_referee(application, value):
    """The application's referee whose id is `value` (a form field: anything may come)."""
    if not re.fullmatch(IdConverter.regex, value or ""):
        raise Http404
    referee = next((r for r in application.referees.all() if r.pk == int(value)), None)
    if referee is None:
        raise Http404
    return referee


def request_path(application):
    return step_url(application, ApplicationStep.REFEREES)


def _request(request, application, context):
    form = RefereeRequestForm(request.POST)
    if form.is_valid():
        try:
            referee = services.request_reference(
                application, by=request.user, details=form.details()
            )
        except services.RefereeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _sent_message(referee))
            return redirect(request_path(application))
    return _render(request, application, context, request_form=form, status=400)


def _sent_message(referee):
    return _("The request is on its way to %(name)s (%(email)s).") % {
        "name": referee.name,
        "email": referee.email,
    }


def _remind(request, application, referee):
    try:
        services.remind_referee(referee, by=request.user)
    except services.RefereeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("A reminder is on its way to %(name)s.") % {"name": referee.name}
        )
    return redirect(request_path(application))


def _replace(request, application, context, referee):
    form = RefereeRequestForm(request.POST, prefix=f"replace-{referee.pk}")
    if form.is_valid():
        try:
            new = services.replace_referee(referee, by=request.user, details=form.details())
        except services.RefereeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _sent_message(new))
            return redirect(request_path(application))
    return _render(request, application, context, replace_forms={referee.pk: form}, status=400)


def _rows(application, replace_forms):
    """(referee, replace form or None) for each request that is not replaced."""
    rows = []
    for referee in application.referees.all():
        if referee.status == RefereeStatus.REPLACED:
            continue
        form = None
        if referee.is_awaiting:
            form = replace_forms.get(referee.pk) or RefereeRequestForm(
                prefix=f"replace-{referee.pk}", initial={"language": referee.language}
            )
        rows.append((referee, form))
    return rows


def _render(request, application, context, *, request_form=None, replace_forms=None, status=200):
    referees = list(application.referees.all())
    rows = _rows(application, replace_forms or {})
    required = application.call.referees_required
    context = {
        **context,
        "rows": rows,
        "replaced": [r for r in referees if r.status == RefereeStatus.REPLACED],
        "required": required,
        "may_ask": services.may_ask_referees(application),
        "may_add": len(rows) < required + services.EXTRA_REFEREES,
        "next_number": len(rows) + 1,
        "request_form": request_form or RefereeRequestForm(),
        "letter_deadline": letter_deadline(application),
        "accepted_until": letters_accepted_until(application),
        "grace_days": LETTER_GRACE.days,
        "max_reminders": services.MAX_REMINDERS,
        "missing": application.missing_items(ApplicationStep.REFEREES),
    }
    return TemplateResponse(request, "exchange/application_referees.html", context, status=status)
