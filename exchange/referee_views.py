"""The referee's page, /<lang>/referee/<token>/: no account, the emailed link is the key.

The link opens one request that still awaits its letter. Once the letter is in, or the
applicant has replaced the referee, the token answers 404 on every method, to the referee too;
an unknown or malformed token is a 404 before any lookup that could tell it from a real one.
The page is in the language of the link (the one the applicant chose for the referee), and the
language switcher works as on any page.
"""

from django.conf import settings
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from exchange.choices import RefereeStatus
from exchange.models import Referee
from exchange.models.referees import takes_letters
from exchange.referee_forms import LetterAnswersForm, LetterUploadForm
from exchange.services import referees as services
from portal import ratelimit
from portal.translation import in_language

THANKS_KEY = "exchange.referee_thanks"
RATE_SCOPE = "exchange.referee_letter.address"


def _referee_or_404(token):
    try:
        return Referee.objects.by_token(token)
    except Referee.DoesNotExist:
        raise Http404 from None


def _private(response):
    """A page opened by a token: never indexed, its address kept from other sites.
    same-origin rather than no-referrer: with no-referrer browsers send "Origin: null" on the
    page's own forms and the CSRF check refuses them."""
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "same-origin"
    return response


def _request_facts(referee, language):
    """Who asks and for what, in `language` (the call's dates are the canonical page's)."""
    application = referee.application
    host = application.call.host_institution
    return {
        "referee": referee,
        "applicant_name": referee.applicant_name,
        "call": application.call,
        "local_call": in_language(application.call, language),
        "host": in_language(host, language) if host else None,
        "reply_by": referee.reply_by(),
    }


def _render(request, referee, *, upload_form=None, answers_form=None, open_form="", status=200):
    context = {
        **_request_facts(referee, request.LANGUAGE_CODE),
        "takes_letters": takes_letters(referee.application),
        "upload_form": upload_form or LetterUploadForm(),
        "answers_form": answers_form or LetterAnswersForm(),
        "open_form": open_form,
    }
    response = TemplateResponse(request, "exchange/referee_request.html", context, status=status)
    return _private(response)


@never_cache
def referee_request(request, token):
    """GET: the request, and the two ways to answer; POST: the letter (`action` upload|form)."""
    referee = _referee_or_404(token)  # first: a closed link is a 404 whatever the method
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if not takes_letters(referee.application):
        return _render(request, referee, status=200 if request.method != "POST" else 400)
    if request.method == "POST":
        return _answer(request, referee)
    services.open_reference_request(referee)
    return _render(request, referee)


def _answer(request, referee):
    action = request.POST.get("action")
    if action == "upload":
        form = LetterUploadForm(request.POST, request.FILES)
        forms = {"upload_form": form}
    elif action == "form":
        form = LetterAnswersForm(request.POST)
        forms = {"answers_form": form}
    else:
        return _render(request, referee, status=400)
    if not form.is_valid():
        return _render(request, referee, **forms, open_form=action, status=400)
    address = ratelimit.client_address(request)
    if ratelimit.exceeded(RATE_SCOPE, address, settings.REFEREE_LETTERS_PER_ADDRESS):
        form.add_error(
            None, _("Too many letters were sent from your network. Please try again in an hour.")
        )
        return _render(request, referee, **forms, open_form=action, status=429)
    try:
        if action == "upload":
            services.submit_reference(referee, letter=form.cleaned_data["letter"])
        else:
            services.submit_reference(referee, answers=form.answers())
    except services.RefereeError as exc:
        referee.refresh_from_db()
        if referee.status != RefereeStatus.RECEIVED:
            form.add_error(None, str(exc))
            return _render(request, referee, **forms, open_form=action, status=400)
        # Sent twice at once (a double click): the first one is in, which is what was meant.
    else:
        ratelimit.record(RATE_SCOPE, address)
    request.session[THANKS_KEY] = referee.pk
    return redirect("exchange:referee_thanks")


@never_cache
def referee_thanks(request):
    """After the letter: thanks, naming the request it answered (kept in the session)."""
    referee = (
        Referee.objects.filter(pk=request.session.get(THANKS_KEY), status=RefereeStatus.RECEIVED)
        .select_related("application__call", "application__applicant")
        .first()
    )
    context = _request_facts(referee, request.LANGUAGE_CODE) if referee else {}
    response = TemplateResponse(request, "exchange/referee_thanks.html", context)
    return _private(response)
