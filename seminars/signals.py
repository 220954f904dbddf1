"""Wagtail's page_published, sent however a seminar is published: by an editor, at the end of
a workflow or at its scheduled time (the admin's after_publish_page hook covers only the first).
"""

from wagtail.signals import page_published


def tell_registrants_of_changes(sender, instance, revision=None, **kwargs):
    from seminars import services

    services.notify_seminar_changed(instance, by=getattr(revision, "user", None))


def fill_added_seats(sender, instance, revision=None, **kwargs):
    """Seats added in a published revision go to the people waiting, in order, before any
    newcomer can take them."""
    from seminars import services

    services.promote_waiting_lists(instance, by=getattr(revision, "user", None))


def connect():
    from seminars.models import SeminarPage

    page_published.connect(
        tell_registrants_of_changes, sender=SeminarPage, dispatch_uid="seminars.changed"
    )
    page_published.connect(fill_added_seats, sender=SeminarPage, dispatch_uid="seminars.seats")
