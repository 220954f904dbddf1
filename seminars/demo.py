"""The seminars' demo content (`manage.py load_demo_content`): the seminar index, this year's
and last year's Mastopathy Day and an online MDT, with registrations in every state made
through the services. The data and its translations are in seminars.demo_data.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from home.demo import ORGANISER_EMAIL, publish, text_pdf, translate_everywhere
from home.models import Person
from seminars import demo_data as ds
from seminars import services
from seminars.models import (
    SeminarIndexPage,
    SeminarMaterial,
    SeminarPage,
    SeminarSeries,
    SeminarSession,
)

TRANSLATIONS = {"zh-hans": ds.ZH, "fr": ds.FR}


def build(home):
    """The seminar index under `home`, translated, with its seminars and registrations."""
    build_seminars(home)


def build_seminars(home):
    """The seminar index, three seminars with programmes, and registrations in every state."""
    series = {}
    for name, description in ds.SERIES:
        series[name] = SeminarSeries.objects.create(name=name, description=description)
        translate_everywhere(series[name])
    index = publish(home, SeminarIndexPage(**ds.INDEX, show_in_menus=True))
    people = {person.name: person for person in Person.objects.filter(locale=home.locale)}
    this_year = SeminarPage(**ds.MASTOPATHY_DAY, series=series["Sino-France Mastopathy Day"])
    last_year = SeminarPage(**ds.LAST_MASTOPATHY_DAY, series=series["Sino-France Mastopathy Day"])
    online = SeminarPage(**ds.ONLINE_MDT, series=series["Online MDT seminar"])
    for seminar in (this_year, last_year):
        for start, end, title, kind, room, speakers, hours in ds.SESSIONS:
            day = seminar.starts_at.astimezone(ds.SHANGHAI)
            session = SeminarSession(
                starts_at=day.replace(hour=start[0], minute=start[1]),
                ends_at=day.replace(hour=end[0], minute=end[1]),
                title=title,
                session_type=kind,
                room=room,
                credit_hours=hours,
            )
            session.speakers = [people[name] for name in speakers]
            seminar.sessions.add(session)
    for seminar, key in ((this_year, "this_year"), (last_year, "last_year")):
        for title, registrants_only, filename, lines in ds.MATERIALS[key]:
            document = get_document_model().objects.create(
                title=f"{seminar.title}: {title}", file=ContentFile(text_pdf(lines), filename)
            )
            seminar.materials.add(
                SeminarMaterial(document=document, title=title, registrants_only=registrants_only)
            )
    organisers = get_user_model().objects.filter(email=ORGANISER_EMAIL)  # none with --no-accounts
    for seminar in (this_year, last_year, online):
        seminar.organisers = list(organisers)
        publish(index, seminar)
    for page in (index, this_year, last_year, online):
        translate_everywhere(page)
    _register_demo_attendees(this_year, last_year, online)


def _register_demo_attendees(this_year, last_year, online):
    def details(row):
        name, email, institution, profession, country, mode, _language = row
        return {
            "full_name": name,
            "email": email,
            "institution": institution,
            "profession": profession,
            "country": country,
            "mode": mode,
        }

    def register(seminar, row, now=None):
        return services.register_for_seminar(
            seminar, details=details(row), language=row[6], now=now
        )

    organiser = get_user_model().objects.filter(is_superuser=True).first()
    upcoming = [register(this_year, row) for row in ds.PEOPLE]  # 4 seats: 2 waitlisted
    services.cancel_registration(upcoming[0])  # the first on the waiting list is promoted
    before = last_year.starts_at - timedelta(days=20)
    past = [register(last_year, row, now=before) for row in ds.PEOPLE[:4]]
    for registration in past[:2]:  # the whole day
        services.check_in_registration(registration, by=organiser, now=last_year.starts_at)
    for session in list(last_year.sessions.order_by("starts_at"))[:2]:  # the morning only
        services.check_in_registration(
            past[2], by=organiser, session=session, now=session.starts_at
        )
    services.mark_no_show(past[3], by=organiser)
    pending = [register(online, (*row[:5], "online", row[6])) for row in ds.PEOPLE[:3]]
    services.approve_registration(pending[0], by=organiser)
    services.decline_registration(pending[1], by=organiser)  # pending[2] waits for a decision
