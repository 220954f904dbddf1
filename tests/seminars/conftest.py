from datetime import timedelta

import pytest
from django.utils import timezone

from seminars.choices import AttendanceMode, SeminarFormat
from seminars.models import SeminarIndexPage, SeminarPage


@pytest.fixture(autouse=True)
def _empty_outbox(db):
    """The demo content queued emails when it was loaded; each test reads only its own."""
    from portal.models import OutboundEmail

    OutboundEmail.objects.all().delete()


@pytest.fixture
def seminar_index(home_page):
    index = SeminarIndexPage.objects.filter(locale=home_page.locale).first()
    if index is None:
        index = SeminarIndexPage(title="Seminars", slug="seminars")
        home_page.add_child(instance=index)
        index.save_revision().publish()
    return index


@pytest.fixture
def make_seminar(seminar_index):
    """make_seminar(capacity_onsite=2, …): a live seminar a week ahead, registration open."""
    counter = iter(range(1, 10_000))

    def make(**fields):
        n = next(counter)
        starts = timezone.now() + timedelta(days=7)
        values = {
            "title": f"MDT seminar {n}",
            "slug": f"mdt-seminar-{n}",
            "summary": "Multidisciplinary case discussion",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=3),
            "format": SeminarFormat.HYBRID,
            "venue_name": "Hunan Cancer Hospital, lecture hall",
            "city": "Changsha",
            "online_platform": "Tencent Meeting",
            "online_join_url": "https://meeting.example.com/j/123",
            "capacity_onsite": 2,
            "capacity_online": 5,
            **fields,
        }
        seminar = SeminarPage(**values)
        seminar_index.add_child(instance=seminar)
        seminar.save_revision().publish()
        seminar_index.refresh_from_db()
        return SeminarPage.objects.get(pk=seminar.pk)

    return make


@pytest.fixture
def details():
    """details(email=…, mode=…): what the registration form hands the service."""

    def make(n=0, **fields):
        return {
            "full_name": f"Participant {n}",
            "email": f"participant{n}@example.org",
            "institution": "Hunan Cancer Hospital",
            "department": "Breast surgery",
            "profession": "surgeon",
            "country": "China",
            "mode": AttendanceMode.ONSITE,
            **fields,
        }

    return make


@pytest.fixture
def add_sessions():
    """add_sessions(seminar, "1.5", "2"): one hour-long session per credit-hours value, back to
    back from the seminar's start, on the seminar's (canonical) page."""
    from decimal import Decimal

    from seminars.models import SeminarSession

    def make(seminar, *hours):
        return [
            SeminarSession.objects.create(
                seminar=seminar,
                locale=seminar.locale,
                sort_order=n,
                starts_at=seminar.starts_at + timedelta(hours=n),
                ends_at=seminar.starts_at + timedelta(hours=n + 1),
                title=f"Session {n}",
                credit_hours=Decimal(value),
            )
            for n, value in enumerate(hours)
        ]

    return make


@pytest.fixture
def organiser(staff):
    return staff("Seminar organisers", full_name="Li Organiser")


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def make_organised_seminar(make_seminar, organiser):
    """make_seminar, with `organiser` named its organiser (or make(organisers=[…]))."""

    def make(organisers=None, **fields):
        seminar = make_seminar(**fields)
        seminar.organisers.set([organiser] if organisers is None else organisers)
        seminar.save()
        return seminar

    return make


@pytest.fixture
def publish_in_admin(client):
    """publish_in_admin(user, page, capacity_onsite=55): what an editor does in the page editor:
    the edit form as it stands, with `changes`, submitted with "Publish"."""
    from django.urls import reverse
    from wagtail.blocks.base import BlockField

    def post(user, page, **changes):
        client.force_login(user)
        form_class = page.get_edit_handler().get_form_class()
        form = form_class(instance=page, for_user=user, parent_page=page.get_parent())
        data = {"action-publish": "action-publish"}
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field, BlockField):  # the seminars made here have an empty body
                data[f"{name}-count"] = 0
            elif hasattr(value, "isoformat"):
                data[name] = field.widget.format_value(value)
            else:
                data[name] = value
        for prefix, formset in form.formsets.items():
            management = formset.management_form
            for name in management.fields:
                data[f"{prefix}-{name}"] = management[name].value()
        data = {key: value for key, value in data.items() if value is not None}
        data.update(changes)
        response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
        assert response.status_code == 302, response.context and response.context["form"].errors
        return response

    return post
