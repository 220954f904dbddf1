"""Issued documents in the admin (Settings → Issued documents): staff find a certificate or a
letter, see its history, revoke it with a reason and, deliberately, issue it again.

Who sees what is each kind's rule (DocumentKind.managed_subjects: an organiser the certificates
of their own seminars, a coordinator the decision letters); revoking and re-issuing also need
portal.change_issueddocument. Anyone else gets 404 for a document, so a stranger cannot learn
that it exists. The actions are POST forms that call portal.documents' services; a refusal is
shown as a message.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from portal.documents import document_kind, issued_document, reissue_document, revoke_document
from portal.documents.codes import verify_url
from portal.documents.kinds import registered_kinds
from portal.filters import IssuedDocumentFilterSet
from portal.history import AuditHistoryMixin
from portal.models import IssuedDocument
from portal.viewsets import ReadOnlyPermissionPolicy
from portal.workflow import DomainError

VIEW = "portal.view_issueddocument"
MANAGE = "portal.change_issueddocument"
MAX_REASON = 1000


def visible_documents(user, queryset=None):
    """The documents `user` may see in the admin: of each kind, those of the subjects the kind
    says they manage (superusers: every document)."""
    queryset = IssuedDocument.objects.all() if queryset is None else queryset
    if user.is_superuser:
        return queryset
    if not user.has_perm(VIEW):
        return queryset.none()
    allowed = Q(pk__in=[])
    for kind in registered_kinds():
        if kind.managed_subjects is None:
            continue
        subjects = kind.managed_subjects(user)
        content_type = ContentType.objects.get_for_model(subjects.model)
        allowed |= Q(kind=kind.key, content_type=content_type, object_id__in=subjects.values("pk"))
    return queryset.filter(allowed)


def may_manage(user):
    return user.is_superuser or user.has_perm(MANAGE)


def kind_label(document):
    return document_kind(document.kind).label


def state_label(document):
    return _("Revoked") if document.revoked_at else _("Valid")


class IssuedDocumentIndexView(IndexView):
    def get_base_queryset(self):
        return visible_documents(self.request.user, super().get_base_queryset())


class IssuedDocumentInspectView(AuditHistoryMixin, InspectView):
    template_name = "portal/admin/issued_document_inspect.html"
    history_detail_keys = ("reason", "replaces", "code")

    def get_object(self, queryset=None):
        return get_object_or_404(visible_documents(self.request.user), pk=self.pk)

    def get_page_subtitle(self):
        return f"{kind_label(self.object)} {self.object.display_code}"

    def get_code_display_value(self):
        return self.object.display_code

    def get_kind_display_value(self):
        return kind_label(self.object)

    def get_revoked_at_display_value(self):
        return self.object.revoked_at or _("Not revoked")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        manage = may_manage(self.request.user)
        active = None
        if document.revoked_at and document.subject is not None:
            active = issued_document(document.subject, kind=document.kind)
        context.update(
            state=state_label(document),
            verify_url=verify_url(document.code),
            may_revoke=manage and document.revoked_at is None,
            may_reissue=manage and document.revoked_at is not None and active is None,
            replacement=active if active is not None and active.pk != document.pk else None,
            max_reason=MAX_REASON,
        )
        return context


def _managed_or_404(request, pk):
    """The document, if `request.user` may revoke and re-issue it; else 404."""
    if not may_manage(request.user):
        raise Http404
    return get_object_or_404(visible_documents(request.user), pk=pk)


def _inspect(document):
    return redirect(reverse("issued_documents:inspect", args=(document.pk,)))


@require_POST
def revoke(request, pk):
    """Revoke the document (portal.documents.revoke_document), with the reason typed."""
    document = _managed_or_404(request, pk)
    reason = request.POST.get("reason", "").strip()
    names = {"kind": kind_label(document), "code": document.display_code}
    if len(reason) > MAX_REASON:
        messages.error(
            request, _("Keep the reason under %(max)s characters.") % {"max": MAX_REASON}
        )
        return _inspect(document)
    try:
        revoke_document(document, by=request.user, reason=reason)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "%(kind)s %(code)s is revoked: its code verifies as revoked and its holder can "
                "no longer download it."
            )
            % names,
        )
    return _inspect(document)


@require_POST
def reissue(request, pk):
    """Issue the revoked document again (portal.documents.reissue_document), under a new code."""
    document = _managed_or_404(request, pk)
    try:
        new = reissue_document(document, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return _inspect(document)
    messages.success(
        request,
        _("%(kind)s issued again under the code %(code)s; %(old)s stays revoked.")
        % {"kind": kind_label(new), "code": new.display_code, "old": document.display_code},
    )
    return _inspect(new)


class IssuedDocumentViewSet(ModelViewSet):
    model = IssuedDocument
    icon = "doc-full"
    menu_label = gettext_lazy("Issued documents")
    menu_order = 910
    add_to_settings_menu = True
    url_prefix = "issued-documents"
    index_view_class = IssuedDocumentIndexView
    inspect_view_class = IssuedDocumentInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    inspect_view_fields = ["code", "kind", "holder_name", "title", "issued_at", "revoked_at"]
    list_display = [
        Column("code", label=gettext_lazy("Verification code"), accessor="display_code"),
        "holder_name",
        Column("kind", label=gettext_lazy("Document type"), accessor=kind_label, sort_key="kind"),
        "title",
        DateColumn("issued_at", label=gettext_lazy("Issued at"), sort_key="issued_at"),
        StatusTagColumn(
            "revoked_at",
            label=gettext_lazy("Status"),
            accessor=state_label,
            sort_key="revoked_at",
            primary=lambda document: document.revoked_at is None,
        ),
    ]
    filterset_class = IssuedDocumentFilterSet
    search_fields = ["code", "holder_name", "title"]
    search_backend_name = None  # in the database, not the search index
    list_per_page = 50
    ordering = ["-issued_at"]
    form_fields = ["holder_name"]  # required by ModelViewSet; the edit view is closed

    @cached_property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/revoke/", revoke, name="revoke"),
            path("<int:pk>/reissue/", reissue, name="reissue"),
        ]


issued_document_viewset = IssuedDocumentViewSet("issued_documents")
