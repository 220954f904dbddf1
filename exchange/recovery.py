"""What was typed survives a sign-in that expired while the step was being filled in.

A step posted without a session is kept in the (anonymous) session, which Django carries
through the sign-in; the step's page, opened again by its owner after signing in, saves it.
The kept data names the application it was typed for and is applied to that one only, by its
owner; anyone else who signs in on the same browser has it thrown away.
"""

from django.utils.datastructures import MultiValueDict

from exchange.models import Application

SESSION_KEY = "exchange.kept_step"
SAVED_KEY = "exchange.saved_step"


def keep_posted_step(request, application_pk, step):
    data = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
    request.session[SESSION_KEY] = {"application": application_pk, "step": step, "data": data}


def take_kept_step(request, application, step):
    """The data kept for this step of `application` (the caller checked it is the user's), or
    None. Data kept for an application that is not the user's is discarded."""
    kept = request.session.get(SESSION_KEY)
    if not kept:
        return None
    if kept["application"] != application.pk:
        others = Application.objects.of(request.user).filter(pk=kept["application"])
        if not others.exists():
            del request.session[SESSION_KEY]
        return None
    if kept["step"] != step:
        return None  # kept for when the owner opens that step
    del request.session[SESSION_KEY]
    return MultiValueDict(kept["data"])


def draft_key(application, step):
    """The key under which the browser keeps unsaved answers (static/js/application-draft.js)."""
    return f"exchange-draft:{application.pk}:{step}"


def mark_saved(request, application, step):
    """Tell the next page that the browser's copy of this step is saved and can go."""
    request.session[SAVED_KEY] = draft_key(application, step)


def take_saved(request):
    return request.session.pop(SAVED_KEY, "")
