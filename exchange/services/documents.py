"""The documents step: uploading, replacing and removing an application's documents.

The file is checked before it gets here (portal.uploads.CheckedFileField), stored in private
storage, then recorded under a lock on the application. A refusal or a failed write deletes the
stored file again, and a replaced or removed file is deleted once the change is committed: no
half-saved row, no orphan file, nothing kept of an old file.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from exchange.models import ApplicationDocument
from exchange.models.documents import storage_folder
from exchange.services.drafts import ApplicationError, check_editable
from exchange.services.submission import lock_application
from portal.private import private_storage
from portal.uploads import save_checked_upload

NOT_ASKED = _("This call does not ask for that document.")


def _delete_stored(path):
    private_storage().delete(path)


def upload_document(application, kind, upload, *, by, now=None):
    """Keep `upload` (a portal.uploads.CheckedUpload) as the application's `kind` document,
    replacing the one it had.

    Preconditions: the call asks for `kind`; `by` may change the application now
    (drafts.check_editable). Side effects: the file is stored under
    exchange/applications/<pk>/ with a random name; the replaced file is deleted after commit.
    Audit entry exchange.application.document_uploaded (kind, name, whether it replaced one).
    Raises ApplicationError, after deleting the stored file.
    """
    if kind not in application.call.required_documents:
        raise ApplicationError(NOT_ASKED)
    path = save_checked_upload(upload, folder=storage_folder(application))
    try:
        with transaction.atomic():
            application = lock_application(application)
            check_editable(application, by, now)
            document, old_path = _record(application, kind, upload, path, now)
            log(
                instance=application,
                action="exchange.application.document_uploaded",
                user=by,
                data={"kind": kind, "name": document.original_name, "replaced": bool(old_path)},
            )
            if old_path:
                transaction.on_commit(lambda: _delete_stored(old_path))
    except BaseException:
        _delete_stored(path)
        raise
    return document


def _record(application, kind, upload, path, now):
    document = ApplicationDocument.objects.filter(application=application, kind=kind).first()
    old_path = document.path if document else ""
    document = document or ApplicationDocument(application=application, kind=kind)
    document.path = path
    document.original_name = upload.name
    document.content_type = upload.content_type
    document.size = upload.size
    document.pages = upload.pages
    document.uploaded_at = now or timezone.now()
    document.save()
    return document, old_path


def remove_document(application, kind, *, by, now=None):
    """Remove the application's `kind` document; its file is deleted after commit.

    Preconditions: as upload_document. Audit entry exchange.application.document_removed.
    Nothing to remove is not an error (a second click, another tab). Raises ApplicationError.
    """
    with transaction.atomic():
        application = lock_application(application)
        check_editable(application, by, now)
        document = ApplicationDocument.objects.filter(application=application, kind=kind).first()
        if document is None:
            return
        path = document.path
        document.delete()
        log(
            instance=application,
            action="exchange.application.document_removed",
            user=by,
            data={"kind": kind, "name": document.original_name},
        )
        transaction.on_commit(lambda: _delete_stored(path))
