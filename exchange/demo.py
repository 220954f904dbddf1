"""The programmes' demo content (`manage.py load_demo_content`): the programme index, two open
calls (to Paris and to Changsha), the Paris call's closed previous edition and last year's
closed fellowship; the programme staff; the applicants (exchange.demo_applications). The data
and its translations are in exchange.demo_data.
"""

from exchange import demo_data as dd
from exchange import demo_staff
from exchange.demo_applications import build_demo_applications
from exchange.demo_staff import build_demo_staff
from exchange.models import ProgrammeIndexPage, ProgrammePage, SelectionCriterion
from home.demo import publish, translate_everywhere
from home.models import Department, Institution

TRANSLATIONS = {"zh-hans": dd.ZH, "fr": dd.FR}
# Printed by load_demo_content beside the site's logins (the README lists every applicant).
LOGINS = [
    (demo_staff.COORDINATOR_EMAIL, "programme coordinator"),
    (demo_staff.REVIEWER_EMAIL, "reviewer"),
    ("he.li@example.cn", "applicant with a place to accept, on /zh-hans/my/"),
]


def build(home):
    """The programme index under `home` and its calls, translated."""
    index = publish(home, ProgrammeIndexPage(**dd.INDEX, show_in_menus=True))
    calls = [publish(index, _call(home.locale, *spec)) for spec in dd.CALLS]
    for page in (index, *calls):
        translate_everywhere(page)
    build_demo_staff()
    build_demo_applications(home)


def _call(locale, fields, host, departments, body, criteria, faq):
    institution = Institution.objects.get(locale=locale, name=host)
    call = ProgrammePage(
        **fields,
        host_institution=institution,
        body=[_block(kind, value) for kind, value in body],
        faq=[("question", {"question": question, "answer": answer}) for question, answer in faq],
    )
    call.host_departments = list(
        Department.objects.filter(locale=locale, institution=institution, name__in=departments)
    )
    for name, description, weight in criteria:
        call.criteria.add(SelectionCriterion(name=name, description=description, weight=weight))
    return call


def _block(kind, value):
    if kind == "heading":
        return ("heading", {"text": value, "level": "h2"})
    return (kind, value)
