"""A referee's letter for the committee: the uploaded PDF, or the form's answers as a PDF.

No view here decides who may read a letter. The admin's views (coordinators, and reviewers of
their own assignments) check access with their own querysets, answer 404 otherwise, and then
return referee_letter_response(). Applicants never reach a letter: no page of theirs links to
one, and the private storage view serves the referees/ folder to no one but superusers.
"""

from django.http import Http404
from django.utils import timezone

from exchange.choices import RefereeStatus
from portal.pdf import render_pdf
from portal.private import private_file_response


def letter_filename(referee):
    """e.g. letter-HX-2026-0042-2.pdf: the application, then the referee's number."""
    application = referee.application
    return f"letter-{application.reference or application.pk}-{referee.pk}.pdf"


def form_letter_pdf(referee, *, numbered=True):
    """The answers of a form letter on an A4 page, in the active language (the reader's).
    `numbered=False` leaves the page numbers out (the committee's dossier numbers its pages)."""
    return render_pdf(
        "exchange/pdf/referee_form_letter.html",
        {
            "referee": referee,
            "application": referee.application,
            "rows": referee.form_answer_rows(),
            "printed_at": timezone.now(),
            "numbered": numbered,
        },
    )


def referee_letter_response(referee):
    """The letter of `referee` as a private file response (the PDF shown in the browser).

    Call it only after deciding that the person asking may read it. A referee without a letter
    (not yet received, or replaced) is a 404.
    """
    if referee.status != RefereeStatus.RECEIVED:
        raise Http404
    if referee.has_letter_file:
        try:
            file = referee.open_letter()
        except FileNotFoundError:
            raise Http404 from None
        return private_file_response(
            file, filename=letter_filename(referee), content_type="application/pdf"
        )
    return private_file_response(
        form_letter_pdf(referee), filename=letter_filename(referee), content_type="application/pdf"
    )
