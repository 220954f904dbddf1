"""Wagtail's page_published, sent however a seminar is published: by an editor, at the end of
a workflow or at its scheduled time (the admin's after_publish_page hook covers only the first).
"""

from wagtail.signals import page_published


def seminar_published(sender, instance, revision=None, **kwargs):
    """Seats added go to the people waiting first, in order; then every registrant, with the
    status they now have, hears of a changed date, time or place."""
    from seminars import services

    by = getattr(revision, "user", None)
    services.promote_waiting_lists(instance, by=by)
    services.notify_seminar_changed(instance, by=by)


def connect():
    from seminars.models import SeminarPage

    page_published.connect(seminar_published, sender=SeminarPage, dispatch_uid="seminars.published")
