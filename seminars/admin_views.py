"""The check-in desk: organiser tools outside the registration listing."""

import re
import zoneinfo
from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import permission_required
from django.db.models import Case, Count, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import time_format
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from seminars.choices import RegistrationStatus

CHANGE_PERMISSION = "seminars.change_registration"
# Registrations that no longer stand: listed after the standing one of the same person, greyed.
ENDED = (RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED)
SEARCH_LIMIT = 20
SEMINARS_PER_GROUP = 10
# Badges carry the check-in code. QR codes sent before check-in codes existed carry the bare
# token or the attendee's private link (…/registration/<token>/): still taken at the desk, so
# those attendees are not turned away.
TOKEN_IN_LINK = re.compile(r"/registration/([\w-]+)")
CODE_SEPARATORS = re.compile(r"[\s-]+")

can_check_in = permission_required(CHANGE_PERMISSION, raise_exception=True)


class CheckInMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(CHANGE_PERMISSION)


def _seminars(user):
    """The live seminars whose desk `user` may keep (those they organise), each with
    `admin_title`: its title in the admin user's language."""
    from seminars.admin_filters import canonical_seminars, with_admin_titles
    from seminars.organisers import managed_seminars

    return with_admin_titles(managed_seminars(user, canonical_seminars()))


def _today_bounds():
    today = timezone.localdate()
    start = timezone.make_aware(datetime.combine(today, time.min))
    return start, start + timedelta(days=1)


@method_decorator(can_check_in, name="dispatch")
class ChooseSeminarView(WagtailAdminTemplateMixin, TemplateView):
    """Step one at the door: pick the seminar, today's first."""

    template_name = "seminars/admin/check_in_choose.html"
    page_title = gettext_lazy("Check-in")
    header_icon = "tick"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        start, end = _today_bounds()
        seminars = _seminars(self.request.user)
        groups = [
            (
                _("Today"),
                seminars.filter(starts_at__lt=end, ends_at__gte=start).order_by("starts_at"),
            ),
            (_("Upcoming"), seminars.filter(starts_at__gte=end).order_by("starts_at")),
            (_("Recent"), seminars.filter(ends_at__lt=start).order_by("-starts_at")),
        ]
        return {
            **super().get_context_data(**kwargs),
            "groups": [
                (label, seminars)
                for label, queryset in groups
                if (seminars := list(queryset[:SEMINARS_PER_GROUP]))
            ],
        }


@method_decorator(can_check_in, name="dispatch")
class CheckInView(WagtailAdminTemplateMixin, TemplateView):
    """Step two: scan a code into the token field, or search by name or email."""

    template_name = "seminars/admin/check_in.html"
    page_title = gettext_lazy("Check-in")
    header_icon = "tick"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.seminar = get_object_or_404(_seminars(request.user), pk=kwargs["seminar_id"])
        self.sessions = _programme(self.seminar)
        self.session = _chosen_session(self.sessions, request.GET.get("session"))
        self.query = request.GET.get("q", "").strip()[:200]

    def get_page_subtitle(self):
        return self.seminar.admin_title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("seminars_check_in:choose"), "label": self.get_page_title()},
            {"url": "", "label": self.seminar.admin_title},
        ]

    def results(self):
        registrations = self.seminar.registrations.all()
        if self.query:
            matches = Q(full_name__icontains=self.query) | Q(email__icontains=self.query)
            ended_last = Case(When(status__in=ENDED, then=Value(1)), default=Value(0))
            found = registrations.filter(matches).order_by(ended_last, "full_name", "-pk")
            return list(found[:SEARCH_LIMIT])
        if self.session:
            latest = self.session.attendances.select_related("registration")
            return [row.registration for row in latest.order_by("-checked_in_at", "-pk")[:5]]
        return list(
            registrations.filter(checked_in_at__isnull=False).order_by("-checked_in_at")[:5]
        )

    def session_check_ins(self, results):
        """{registration id: time checked in to the chosen session} for `results`."""
        if not self.session:
            return {}
        rows = self.session.attendances.filter(registration__in=[r.pk for r in results])
        return dict(rows.values_list("registration_id", "checked_in_at"))

    def tally(self):
        counts = self.seminar.registrations.aggregate(
            checked_in=Count("pk", filter=Q(status=RegistrationStatus.ATTENDED)),
            expected=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        )
        if self.session:  # everyone confirmed or already in, less those in this session
            here = self.session.attendances.count()
            counts = {"checked_in": here, "expected": sum(counts.values()) - here}
        return counts

    def get_context_data(self, **kwargs):
        from seminars.services import CHECK_IN_FROM

        results = self.results()
        check_ins = self.session_check_ins(results)
        for registration in results:
            registration.desk_ended = registration.status in ENDED
            registration.desk_checked_in_at = (
                check_ins.get(registration.pk) if self.session else registration.checked_in_at
            )
            registration.desk_checkable = registration.status in CHECK_IN_FROM or (
                self.session is not None
                and registration.status == RegistrationStatus.ATTENDED
                and registration.pk not in check_ins
            )
        return {
            **super().get_context_data(**kwargs),
            "seminar": self.seminar,
            "sessions": self.sessions if self.session else [],
            "session": self.session,
            "query": self.query,
            "results": results,
            "tally": self.tally(),
        }


def _programme(seminar):
    """The seminar's sessions in time order, each with `desk_title`: its title in the admin's
    language where the programme is translated (check-in rows stay on the canonical sessions)."""
    from seminars.models import SeminarSession

    sessions = list(seminar.sessions.order_by("starts_at", "sort_order", "pk"))
    translated = dict(
        SeminarSession.objects.filter(
            translation_key__in=[session.translation_key for session in sessions],
            locale__language_code=get_language(),
        ).values_list("translation_key", "title")
    )
    for session in sessions:
        session.desk_title = translated.get(session.translation_key, session.title)
    return sessions


def _chosen_session(sessions, chosen):
    """The session being checked in to, for a programme of several sessions (else None): the
    one asked for, or the one under way or next (the last once all are over)."""
    if len(sessions) < 2:
        return None
    by_id = {str(session.pk): session for session in sessions}
    if chosen in by_id:
        return by_id[chosen]
    now = timezone.now()
    return next((session for session in sessions if session.ends_at > now), sessions[-1])


def _back_to_desk(request, seminar, session):
    url = reverse("seminars_check_in:seminar", args=(seminar.pk,))
    params = {"session": session.pk} if session else {}
    if query := request.POST.get("q", "").strip():
        params["q"] = query
    return redirect(f"{url}?{urlencode(params)}" if params else url)


def _posted_session(request, seminar):
    return _chosen_session(_programme(seminar), request.POST.get("session"))


def _check_in(request, seminar, registration, session):
    """Call the service and say what happened, in words that work at a busy door."""
    from seminars import services

    name = registration.full_name
    try:
        services.check_in_registration(registration, by=request.user, session=session)
    except services.AlreadyCheckedIn as already:
        message = (
            _("%(name)s was already checked in to this session at %(time)s.")
            if session
            else _("%(name)s was already checked in at %(time)s.")
        )
        messages.warning(
            request,
            message % {"name": name, "time": _local_time(already.checked_in_at, seminar)},
        )
        return
    except services.RegistrationError as error:
        messages.error(request, f"{name}: {error}")
        return
    if session:
        message = _("%(name)s checked in to “%(session)s” at %(time)s.")
    else:
        message = _("%(name)s checked in at %(time)s.")
    messages.success(
        request,
        message
        % {
            "name": name,
            "session": getattr(session, "desk_title", ""),
            "time": _local_time(timezone.now(), seminar),
        },
    )


def _local_time(moment, seminar):
    """A time of day at the seminar's venue, as the desk shows it."""
    return time_format(timezone.localtime(moment, zoneinfo.ZoneInfo(seminar.time_zone)), "H:i")


@can_check_in
@require_POST
def check_in_by_id(request, seminar_id, registration_id):
    seminar = get_object_or_404(_seminars(request.user), pk=seminar_id)
    registration = get_object_or_404(seminar.registrations, pk=registration_id)
    session = _posted_session(request, seminar)
    _check_in(request, seminar, registration, session)
    return _back_to_desk(request, seminar, session)


def _scanned_registrations(registrations, scanned):
    """The registrations in `registrations` that a scanned or typed code names: a check-in
    code (case, spaces and dashes ignored), or an older badge's token or private link."""
    if not scanned:
        return registrations.none()
    link = TOKEN_IN_LINK.search(scanned)
    token = link.group(1) if link else scanned
    code = CODE_SEPARATORS.sub("", scanned).upper()
    return registrations.filter(Q(checkin_code=code) | Q(token=token))


@can_check_in
@require_POST
def check_in_by_code(request, seminar_id):
    seminar = get_object_or_404(_seminars(request.user), pk=seminar_id)
    session = _posted_session(request, seminar)
    scanned = request.POST.get("token", "").strip()[:200]
    registration = _scanned_registrations(seminar.registrations.all(), scanned).first()
    if registration is not None:
        _check_in(request, seminar, registration, session)
    elif _scanned_registrations(seminar.registrations.model.objects.all(), scanned).exists():
        messages.error(request, _("This code is for a registration to another seminar."))
    else:
        messages.error(request, _("No registration has this code. Search by name instead."))
    return _back_to_desk(request, seminar, session)


check_in_urls = [
    path("", ChooseSeminarView.as_view(), name="choose"),
    path("<int:seminar_id>/", CheckInView.as_view(), name="seminar"),
    path("<int:seminar_id>/code/", check_in_by_code, name="token"),
    path("<int:seminar_id>/<int:registration_id>/", check_in_by_id, name="registration"),
]
