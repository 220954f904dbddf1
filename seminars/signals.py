"""Wagtail's page_published, sent however a seminar is published: by an editor, at the end of
a workflow or at its scheduled time (the admin's after_publish_page hook covers only the first).
"""

from wagtail.signals import page_published


def tell_registrants_of_changes(sender, instance, revision=None, **kwargs):
    from seminars import services

    services.notify_seminar_changed(instance, by=getattr(revision, "user", None))


def connect():
    from seminars.models import SeminarPage

    page_published.connect(
        tell_registrants_of_changes, sender=SeminarPage, dispatch_uid="seminars.changed"
    )
