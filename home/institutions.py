"""The two partner hospitals as every certificate and letter names them.

An Institution snippet of the default locale with a partner position (left, right) is a
partner; a site that set no position uses the first two institutions created. Documents copy
the partners' names and signatories, in each language of the document, into their details when
issued (`partner_issuers`, the shape portal.documents expects); the logos are read when a PDF
is rendered (`partner_logos`).
"""

from wagtail.models import Locale

from home.models import Institution
from portal.pdf import image_data_uri
from portal.translation import in_languages


def partner_institutions():
    """The two partner institutions in their places (left, right)."""
    institutions = Institution.objects.filter(locale=Locale.get_default()).select_related("logo")
    partners = list(
        institutions.filter(partner_position__isnull=False).order_by("partner_position")
    )
    return partners[:2] or list(institutions.order_by("pk")[:2])


def partner_issuers(languages):
    """{"issuers": [{language: name}], "signatories": [{language: signatory}]} of the
    partners, left first, each in `languages` where translated (else as entered)."""
    issuers, signatories = [], []
    for institution in partner_institutions():
        translated = in_languages(institution, languages)
        issuers.append({language: translated[language].name for language in languages})
        signatories.append({language: translated[language].signatory for language in languages})
    return {"issuers": issuers, "signatories": signatories}


def partner_logos():
    """The partners' logos as data: URIs for a PDF, left first ("" where there is none)."""
    return [image_data_uri(institution.logo) for institution in partner_institutions()]
