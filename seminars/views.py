"""Public seminar views: thin, they parse input and call seminars.services."""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import ratelimit
from portal.documents import DocumentWithdrawn, withdrawn_response
from portal.private import private_file_response
from portal.ratelimit import client_address
from seminars import calendar, certificates, services
from seminars.choices import RegistrationStatus
from seminars.forms import ModeChangeForm, RegistrationDetailsForm, RegistrationForm
from seminars.models import Registration, SeminarMaterial, SeminarPage
from seminars.models.registrations import EDITABLE_DETAILS
from seminars.notifications import contact_email, localized_seminar


def _limit_refusal(request, email):
    """Why this registration is refused by a rate limit, or None (accepted ones are counted)."""
    limits = settings.REGISTRATION_RATE_LIMITS
    if ratelimit.exceeded("seminars.register.address", client_address(request), limits["address"]):
        return _("Too many registrations from your network. Please try again later.")
    if ratelimit.exceeded("seminars.register.email", email, limits["email"]):
        return _("Too many registrations with this email address. Please try again later.")
    return None


def _count_registration(request, email):
    ratelimit.record("seminars.register.address", client_address(request))
    ratelimit.record("seminars.register.email", email)


def register_on_seminar_page(seminar, request):
    """A POST to the seminar page registers (the form lives on the page; GET is Wagtail's).

    A new registration and one for an address already registered get the same answer (the
    private link is emailed in both cases), so the form tells no one who is registered.
    """
    form = RegistrationForm(request.POST, seminar=seminar)
    if form.is_spam:
        return redirect(seminar.url)  # say nothing to a bot
    if form.is_valid():
        email = form.cleaned_data["email"]
        refusal = _limit_refusal(request, email)
        if refusal:
            form.add_error(None, refusal)
        else:
            try:
                services.register_for_seminar(
                    seminar, details=form.details(), language=form.cleaned_data["language"]
                )
            except services.AlreadyRegistered:
                pass  # its private link is emailed again: the same answer as a new one
            except services.RegistrationError as exc:
                form.add_error(None, str(exc))
            if not form.errors:
                return _link_sent(request, seminar, email)
    context = seminar.get_context(request)
    context["registration_form"] = form
    return TemplateResponse(request, seminar.get_template(request), context, status=400)


def _link_sent(request, seminar, email):
    _count_registration(request, email)
    messages.success(
        request,
        _("Check your inbox: we have sent the private link for this registration to %(email)s.")
        % {"email": email},
    )
    return redirect(f"{seminar.url}#register")


def _registration(token):
    registration = get_object_or_404(Registration.objects.select_related("seminar"), token=token)
    if not registration.seminar.live:
        raise Http404
    return registration


def _private(response):
    """Headers of a page opened by the attendee's token: never cached, indexed or leaked."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    # Not no-referrer: browsers then send "Origin: null" on the page's own forms and the CSRF
    # check refuses them. same-origin keeps the token out of links to other sites all the same.
    response["Referrer-Policy"] = "same-origin"
    return response


def registration_detail(request, token):
    """The attendee's private page: status, details, join link, calendar, cancel."""
    registration = _registration(token)
    seminar = localized_seminar(registration.seminar.specific, request.LANGUAGE_CODE)
    response = TemplateResponse(
        request,
        "seminars/registration.html",
        {
            "registration": registration,
            "seminar": seminar,
            "mode_form": ModeChangeForm(initial={"mode": registration.mode}),
            "seat_counts": seminar.canonical.seat_counts(),
            "waitlist_position": registration.waitlist_position(),
            "seminar_over": registration.seminar.ends_at <= timezone.now(),
            "attended_sessions": _attended_sessions(registration, seminar),
        },
    )
    return _private(response)


def _attended_sessions(registration, seminar):
    """The sessions `registration` was checked in to, titled in the page's language; only for
    a programme of several sessions (one session is the seminar itself)."""
    if registration.status != RegistrationStatus.ATTENDED:
        return []
    sessions = list(seminar.sessions.all())
    if len(sessions) < 2:
        return []
    attended = set(registration.attendances.values_list("session__translation_key", flat=True))
    return [session for session in sessions if session.translation_key in attended]


@require_POST
def registration_cancel(request, token):
    registration = _registration(token)
    try:
        services.cancel_registration(registration)
    except services.RegistrationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("seminars:registration", token=token)


def registration_edit(request, token):
    """The attendee corrects their details (name as on the certificate, institution, …)."""
    registration = _registration(token)
    if not registration.details_editable():
        messages.error(request, services.DETAILS_SETTLED)
        return redirect("seminars:registration", token=token)
    form = RegistrationDetailsForm(
        request.POST or None,
        instance=Registration(**{name: getattr(registration, name) for name in EDITABLE_DETAILS}),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_registration_details(registration, form.cleaned_data)
        except services.RegistrationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your details are saved."))
        return redirect("seminars:registration", token=token)
    seminar = localized_seminar(registration.seminar.specific, request.LANGUAGE_CODE)
    response = TemplateResponse(
        request,
        "seminars/registration_edit.html",
        {"registration": registration, "seminar": seminar, "form": form},
        status=400 if form.errors else 200,
    )
    return _private(response)


@require_POST
def registration_change_mode(request, token):
    registration = _registration(token)
    form = ModeChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose on site or online."))
        return redirect("seminars:registration", token=token)
    try:
        services.change_attendance_mode(registration, form.cleaned_data["mode"])
    except services.RegistrationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your attendance mode is changed."))
    return redirect("seminars:registration", token=token)


def registration_material(request, token, material_id):
    """A registrants-only document, for confirmed attendees of that seminar only."""
    registration = _registration(token)
    if not registration.can_see_join_link:
        raise Http404
    material = get_object_or_404(
        SeminarMaterial.objects.select_related("document", "seminar"),
        pk=material_id,
        registrants_only=True,
        seminar__translation_key=registration.seminar.translation_key,
    )
    return private_file_response(
        material.document.file.open("rb"), filename=material.document.filename
    )


def registration_certificate(request, token):
    """The certificate of attendance as a PDF; issued on first download. 404 unless attended;
    a page saying it was withdrawn (410) when staff revoked it and have not re-issued it."""
    registration = _registration(token)
    if registration.status != RegistrationStatus.ATTENDED:
        raise Http404
    try:
        document = certificates.issue_certificate(registration)
    except DocumentWithdrawn as withdrawn:
        contact = contact_email(registration.seminar, registration.language)
        return withdrawn_response(request, withdrawn.document, contact_email=contact)
    except services.RegistrationError:  # the seminar is not over yet
        raise Http404 from None
    return private_file_response(
        certificates.certificate_pdf(document), filename=f"certificate-{document.code}.pdf"
    )


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def registration_calendar(request, token):
    registration = _registration(token)
    seminar = localized_seminar(registration.seminar.specific, request.LANGUAGE_CODE)
    url = request.build_absolute_uri(seminar.url)
    join_url = seminar.online_join_url if registration.can_see_join_link else ""
    event = calendar.seminar_event(seminar, url=url, join_url=join_url)
    return _ics_response(calendar.calendar([event]), "seminar.ics")


def seminar_calendar(request, page_id):
    seminar = get_object_or_404(SeminarPage.objects.live().public(), pk=page_id)
    event = calendar.seminar_event(seminar, url=request.build_absolute_uri(seminar.url))
    return _ics_response(calendar.calendar([event]), f"{seminar.slug}.ics")


FEED_CACHE_SECONDS = 600


def calendar_feed(request):
    """All live seminars (one event per translation group, in the default language).

    Built once per change: the cache key carries the number of live seminars, the latest
    publication time and the sum of their calendar sequences, so publishing, unpublishing,
    deleting or cancelling a seminar makes a new feed; view restrictions changes show within
    FEED_CACHE_SECONDS.
    """
    seminars = SeminarPage.objects.live().public()
    version = seminars.aggregate(
        count=Count("pk"), latest=Max("last_published_at"), sequences=Sum("sequence")
    )
    latest = version["latest"].timestamp() if version["latest"] else 0
    key = (
        f"seminars:feed:{request.get_host()}:{get_language()}:{version['count']}:{latest}"
        f":{version['sequences'] or 0}"
    )
    content = cache.get(key)
    if content is None:
        content = _feed_content(request, seminars.order_by("translation_key", "pk"))
        cache.set(key, content, FEED_CACHE_SECONDS)
    return _ics_response(content, "seminars.ics")


def _feed_content(request, seminars):
    seen, events = set(), []
    for seminar in seminars:
        if seminar.translation_key in seen:
            continue
        seen.add(seminar.translation_key)
        seminar.canonical = seminar  # first of its group, thanks to the ordering
        events.append(calendar.seminar_event(seminar, url=request.build_absolute_uri(seminar.url)))
    return calendar.calendar(events, name=_("Seminars"))
