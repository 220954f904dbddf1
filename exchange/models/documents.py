"""The documents an applicant uploads to their application (the "documents" step).

A call lists the kinds it requires (ProgrammePage.required_documents); an application holds at
most one current file of each kind, in private storage under exchange/applications/<pk>/. A
replaced or removed file is deleted from storage: nothing of it is kept. The stored path is a
random name (portal.uploads); the name the applicant's file had is kept, cleaned, beside it.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.choices import ApplicationStep, DocumentKind
from exchange.models.applications import MissingItem
from portal import uploads
from portal.private import private_storage

Kind = DocumentKind
# What each kind may be. Letters, diplomas, the CV and certificates are documents to read and
# merge into the reviewers' dossier: PDF only. A passport page is often a phone photo, a photo is
# a photo: images accepted (and a scanned passport as PDF).
ACCEPTED_TYPES = {
    Kind.CV: (uploads.PDF,),
    Kind.DIPLOMA: (uploads.PDF,),
    Kind.LANGUAGE_CERTIFICATE: (uploads.PDF,),
    Kind.MOTIVATION_LETTER: (uploads.PDF,),
    Kind.HEAD_OF_DEPARTMENT_LETTER: (uploads.PDF,),
    Kind.PASSPORT: (uploads.PDF, uploads.JPEG, uploads.PNG),
    Kind.PHOTO: (uploads.JPEG, uploads.PNG),
}
# Hidden from reviewers on a blind call because they name the applicant and cannot be
# anonymised: the passport and the photo show who they are, a diploma and a language
# certificate are issued in the holder's name, and the head of department writes about them by
# name. The CV and the motivation letter are the applicant's own writing: on a blind call the
# documents step asks them to leave their name and contact details out, and reviewers read them.
IDENTIFYING = frozenset(
    {
        Kind.PASSPORT,
        Kind.PHOTO,
        Kind.DIPLOMA,
        Kind.LANGUAGE_CERTIFICATE,
        Kind.HEAD_OF_DEPARTMENT_LETTER,
    }
)


def storage_folder(application):
    return f"exchange/applications/{application.pk}"


class ApplicationDocument(models.Model):
    application = models.ForeignKey(
        "exchange.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("document"), max_length=24, choices=DocumentKind.choices)
    # In private storage; never shown, never a URL.
    path = models.CharField(max_length=255, editable=False)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=60)
    size = models.PositiveIntegerField(_("size (bytes)"))
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["application", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"], name="one_document_per_application_and_kind"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"

    @property
    def identifying(self):
        return self.kind in IDENTIFYING

    @property
    def is_image(self):
        return self.content_type.startswith("image/")

    def open(self):
        """The stored file, open for reading in binary mode (the caller closes it)."""
        return private_storage().open(self.path, "rb")


def accepted_types(kind):
    return ACCEPTED_TYPES.get(kind, (uploads.PDF,))


def missing_documents(application):
    """One MissingItem per document the call requires and the application lacks, in the
    call's order (reads `application.documents.all()`, so a prefetch spares the query)."""
    uploaded = {document.kind for document in application.documents.all()}
    return [
        MissingItem(ApplicationStep.DOCUMENTS, kind, Kind(kind).label)
        for kind in application.call.required_documents
        if kind in Kind.values and kind not in uploaded
    ]
