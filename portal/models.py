import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import EmailStatus


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """An account: staff (editors, organisers, reviewers…) and, later, applicants.

    The email address is the login name. First/last name fields exist because Wagtail's admin
    shows them; `full_name` holds a name as its owner writes it (Chinese names have no split).
    """

    email = models.EmailField(_("email address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return self.full_name or f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.get_full_name() or self.email


def new_message_id(key=None):
    """An RFC 5322 Message-ID under the sender's domain, unique per outbox row."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].rstrip(">")
    return f"<{key or uuid.uuid4()}@{domain}>"


class OutboundEmail(models.Model):
    """One email to one recipient, written in the transaction of the change that causes it.

    portal.mail.deliver_outbound_email sends it; the status moves pending → sending → sent (or
    back to pending for a retry, or failed after OUTBOX_MAX_ATTEMPTS).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Stored, not derived: every attempt carries the same header whatever the settings are by
    # then, so a copy sent again after a crash is recognisable as the same message.
    message_id = models.CharField(
        _("Message-ID"), max_length=255, unique=True, editable=False, default=new_message_id
    )
    kind = models.CharField(_("email type"), max_length=80, db_index=True)
    to = models.EmailField(_("to"))
    reply_to = models.EmailField(_("reply to"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("plain-text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class OutboundAttachment(models.Model):
    email = models.ForeignKey(OutboundEmail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    mimetype = models.CharField(max_length=100)
    content = models.BinaryField()

    def __str__(self):
        return self.filename


class IssuedDocument(models.Model):
    """A certificate or letter the portal issued, checkable by anyone at /verify/<code>/.

    The row is the record of what was certified: the holder's name, the title and the details
    (dates, credit hours…) are copied here when the document is issued, so the public check and
    every later download show what was certified then, whatever is edited afterwards. `kind`
    names a kind registered in portal.documents. A revoked row stays (its code verifies as
    revoked); at most one row per kind and subject is not revoked.
    """

    code = models.CharField(_("verification code"), max_length=16, unique=True, editable=False)
    kind = models.CharField(_("document type"), max_length=60, db_index=True)
    holder_name = models.CharField(_("holder"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    details = models.JSONField(_("details"), default=dict, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at"]
        constraints = [
            # Revoked documents stay for their codes; a re-issue adds an active one.
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_document_per_kind",
            )
        ]

    def __str__(self):
        return f"{self.display_code} · {self.holder_name}"

    @property
    def display_code(self):
        from portal.documents.codes import format_code

        return format_code(self.code)
