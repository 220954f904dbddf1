"""What the coordinators' inspect view shows besides the application's own fields (documents,
referees, reviews) and the views it links to: a document or a referee's letter from private
storage, and withdrawing a reviewer's assignment.

Documents and referees belong to later stages of the application (`application.documents`,
`application.referees`); until their models exist, nothing of them is shown or served.
Every view here answers 404 to anyone who may not see applications, so a stranger cannot learn
that an application, a document or a letter exists.
"""

import posixpath

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from exchange import dossier
from exchange.choices import ReviewStatus
from exchange.models import Application, Review
from exchange.services import screening
from portal import converters  # noqa: F401 (registers the id converter)
from portal.private import private_file_response
from portal.workflow import DomainError

VIEW_PERMISSION = "exchange.view_application"
CHANGE_PERMISSION = "exchange.change_application"
# A review whose assignment a coordinator may still withdraw (screening.unassign_reviewer).
WITHDRAWABLE = (ReviewStatus.ASSIGNED, ReviewStatus.IN_PROGRESS)


def _related(application, name):
    """`application.<name>.all()` when that relation exists, else None."""
    if not hasattr(type(application), name):
        return None
    return getattr(application, name).all()


def documents_of(application):
    documents = _related(application, "documents")
    return None if documents is None else list(documents.order_by("kind", "pk"))


def referees_of(application):
    referees = _related(application, "referees")
    return None if referees is None else list(referees.order_by("pk"))


def reviews_of(application):
    """The application's reviews, each with `withdrawable` (its assignment may be withdrawn)."""
    reviews = list(application.reviews.select_related("reviewer").order_by("assigned_at", "pk"))
    for review in reviews:
        review.withdrawable = review.status in WITHDRAWABLE
    return reviews


def find_document(application, pk):
    documents = _related(application, "documents")
    return None if documents is None else documents.filter(pk=pk).first()


def find_referee(application, pk):
    referees = _related(application, "referees")
    return None if referees is None else referees.filter(pk=pk).first()


def _application_or_404(request, pk, permission=VIEW_PERMISSION):
    if not request.user.has_perm(permission):
        raise Http404
    return get_object_or_404(Application.objects.select_related("call", "applicant"), pk=pk)


def document_file(request, pk, document_pk):
    """One of the application's documents, from private storage."""
    application = _application_or_404(request, pk)
    document = find_document(application, document_pk)
    if document is None:
        raise Http404
    return private_file_response(
        document.open(),
        filename=document.original_name,
        content_type=document.content_type or None,
    )


def referee_letter(request, pk, referee_pk):
    """A referee's uploaded letter, from private storage."""
    application = _application_or_404(request, pk)
    referee = find_referee(application, referee_pk)
    if referee is None or not referee.has_letter_file:
        raise Http404
    letter = referee.open_letter()
    name = posixpath.basename(getattr(letter, "name", "") or "")
    fallback = f"{application.reference or application.pk}-letter-{referee.pk}.pdf"
    return private_file_response(letter, filename=name or fallback)


def application_dossier(request, pk):
    """The committee's dossier of the application, in full: coordinators see everything, the
    call's blind review only reduces what reviewers see."""
    application = _application_or_404(request, pk)
    return dossier.dossier_response(application, blind=False)


@require_POST
def unassign_review(request, pk, review_pk):
    """Withdraw a reviewer's assignment (screening.unassign_reviewer), back to the inspect view."""
    application = _application_or_404(request, pk, CHANGE_PERMISSION)
    reviews = Review.objects.select_related("reviewer")
    review = get_object_or_404(reviews, pk=review_pk, application=application)
    try:
        screening.unassign_reviewer(review, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        name = review.reviewer.get_full_name() or review.reviewer.email
        message = _("%(name)s no longer reviews this application.") % {"name": name}
        messages.success(request, message)
    return redirect(reverse("exchange_applications:inspect", args=(application.pk,)))


ROUTES = [
    ("files/<id:pk>/documents/<id:document_pk>/", document_file, "document"),
    ("files/<id:pk>/referees/<id:referee_pk>/letter/", referee_letter, "referee_letter"),
    ("reviews/<id:pk>/<id:review_pk>/withdraw/", unassign_review, "unassign_review"),
    ("<id:pk>/dossier/", application_dossier, "dossier"),
]
