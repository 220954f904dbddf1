"""The demo applications' lives, played through the services (exchange.services) as applicants,
referees, the coordinator and the reviewers would: so the references, the audit history, the
outbox, the stored documents and the decision letters are those of real use.

Each event happens at a moment of the demo's past (the services take `now`); the audit entries
and decision letters it writes are dated to that moment too, so an application's history reads
in order, over the days it took, rather than all at the second the demo was loaded.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Max
from django.utils import timezone
from wagtail.models import ModelLogEntry

from exchange import demo_data as dd
from exchange.choices import ApplicationStatus
from exchange.demo_files import document_upload, letter_upload
from exchange.services import (
    decisions,
    documents,
    drafts,
    offers,
    referees,
    reviews,
    screening,
    submission,
)
from portal.models import IssuedDocument

FORM_STEPS = ("personal", "languages")
RETURN_TIME = timedelta(days=10)
REVIEW_TIME = timedelta(days=14)
# What the services write with the time they run at, and its date field.
DATED = {ModelLogEntry: "timestamp", IssuedDocument: "issued_at"}


@dataclass(frozen=True)
class Clock:
    """The stretch of time an application's events are spread over: at(0) is its start,
    at(1) its end."""

    start: datetime
    end: datetime

    def at(self, fraction):
        return self.start + (self.end - self.start) * fraction


def office_hour(call, moment):
    """The host's office hour (dd.OFFICE_HOUR) on the day of `moment` in the host's time zone:
    when a coordinator sets a deadline, not the minute the demo was loaded."""
    zone = ZoneInfo(call.time_zone)
    return dd.at(moment.astimezone(zone).date(), dd.OFFICE_HOUR[zone], zone)


@contextmanager
def happening(moment):
    """Date the audit entries and the letters issued inside the block to `moment` (yielded
    for the services' `now`)."""
    last = {model: _last_pk(model) for model in DATED}
    yield moment
    for model, field in DATED.items():
        model.objects.filter(pk__gt=last[model]).update(**{field: moment})


def _last_pk(model):
    return model.objects.aggregate(last=Max("pk"))["last"] or 0


@dataclass(frozen=True)
class Cast:
    """Who acts besides the applicant: the coordinator and the reviewers by key."""

    coordinator: object
    reviewers: dict


def submit_file(person, call, applicant, clock):
    """`applicant` starts, fills in, documents and submits their application to `call` (its
    referees asked and, as `person` says, answering) between clock.at(0) and clock.at(1)."""
    with happening(clock.at(0)) as now:
        application = drafts.start_application(call, by=applicant, now=now)
        for step, data in _steps(person, call).items():
            application = drafts.save_application_step(
                application, step, data, by=applicant, now=now
            )
    blind = call.blind_review and not person.get("named_letter")
    with happening(clock.at(0.2)) as now:
        for kind in call.required_documents:
            upload = document_upload(kind, application, blind=blind)
            documents.upload_document(application, kind, upload, by=applicant, now=now)
    with happening(clock.at(0.3)) as now:
        asked = [
            referees.request_reference(application, by=applicant, details=spec["details"], now=now)
            for spec in person["referees"]
        ]
    for n, (spec, referee) in enumerate(zip(person["referees"], asked, strict=True)):
        _answer(spec, referee, application, clock.at(0.5 + 0.1 * n))
    with happening(clock.at(1)) as now:
        return submission.submit_application(application, by=applicant, now=now)


def _steps(person, call):
    start = call.closes_at.date() + timedelta(days=100)
    return {
        **{step: person[step] for step in FORM_STEPS},
        "motivation": {"motivation": person["motivation"]},
        "objectives": {"training_objectives": person["objectives"]},
        "period": {
            "earliest_start": start,
            "latest_end": start + timedelta(weeks=call.duration_weeks + 4),
            "dates_flexible": True,
        },
    }


def _answer(spec, referee, application, moment):
    """The referee opens their link and, if `spec` says so, sends a letter or the form."""
    if not (spec["opened"] or spec["letter"]):
        return
    with happening(moment) as now:
        referees.open_reference_request(referee, now=now)
        if spec["letter"] == "file":
            letter = letter_upload(referee.name, application.passport_name)
            referees.submit_reference(referee, letter=letter, now=now)
        elif spec["letter"] == "form":
            referees.submit_reference(referee, answers=spec["answers"], now=now)


def screen(application, person, cast, clock):
    """The coordinator's screening, as `person["story"]` says, between clock.at(0) and at(1)
    (reviews included)."""
    story = person.get("story", "in_review")
    by = cast.coordinator
    with happening(clock.at(0)) as now:
        if story == "screening":
            screening.open_for_screening(application, by=by)
        elif story == "returned":
            deadline = office_hour(application.call, timezone.now() + RETURN_TIME)
            screening.return_application(
                application, by=by, message=person["message"], deadline=deadline, now=now
            )
        elif story == "ineligible":
            screening.mark_ineligible(application, by=by, reason=person["reason"])
        elif story == "withdrawn":
            submission.withdraw_application(
                application, by=application.applicant, reason=person["withdrawal"], now=now
            )
        elif story == "in_review":
            screening.accept_for_review(application, by=by)
    for spec in person.get("reviews", ()):
        review_once(application, spec, cast, clock)


def review_once(application, spec, cast, clock):
    """One reviewer's part: assigned at clock.at(0.1), declares at at(0.4), scores at at(1)
    (a draft, or submitted), unless they declared a conflict."""
    reviewer = cast.reviewers[spec["reviewer"]]
    with happening(clock.at(0.1)) as now:
        review = screening.assign_reviewer(
            application,
            reviewer,
            by=cast.coordinator,
            due_at=office_hour(application.call, now + REVIEW_TIME),
            now=now,
        )
    if spec["kind"] == "assigned":
        return review
    with happening(clock.at(0.4)) as now:
        if spec["kind"] == "conflict":
            return reviews.declare_conflict(review, by=reviewer, note=spec["note"], now=now)
        reviews.declare_no_conflict(review, by=reviewer, now=now)
    criteria = reviews.review_criteria(review)
    scores = {
        criterion.pk: value for criterion, value in zip(criteria, spec["scores"], strict=True)
    }
    with happening(clock.at(1)) as now:
        if spec["kind"] == "draft":
            return reviews.save_review(
                review, by=reviewer, scores=scores, comment=spec["comment"], recommendation=""
            )
        return reviews.submit_review(
            review,
            by=reviewer,
            scores=scores,
            comment=spec["comment"],
            recommendation=spec["recommendation"],
            now=now,
        )


def decide_and_release(call, cohort, cast):
    """The committee's decisions on the closed `call` (`cohort`: [(person, application)]),
    taken five days before the release date, then released at that date; the offers answered
    since: accepted two days later, declined yesterday (the best reserve is promoted)."""
    release = call.decision_release_at
    reserve_ranks = iter(range(1, len(cohort) + 1))
    with happening(release - timedelta(days=5)) as now:
        for person, application in cohort:
            outcome, note = person["decision"]
            rank = next(reserve_ranks) if outcome == ApplicationStatus.RESERVE else None
            decisions.decide_application(
                application,
                by=cast.coordinator,
                outcome=outcome,
                note=note,
                reserve_rank=rank,
                now=now,
            )
    with happening(release + timedelta(minutes=5)) as now:
        decisions.release_decisions(call, now=now)
    yesterday = office_hour(call, timezone.now() - timedelta(days=1)) - timedelta(hours=3)
    answers = {"accept": release + timedelta(days=2), "decline": yesterday}
    for person, application in cohort:
        answer = person.get("offer")
        if answer is None:
            continue
        with happening(answers[answer]) as now:
            if answer == "accept":
                offers.accept_offer(application, by=application.applicant, now=now)
            else:
                offers.decline_offer(
                    application, by=application.applicant, reason=person["decline_reason"], now=now
                )
