"""Demo applicants (`manage.py load_demo_content`), made through the services.

Two drafts (a Chinese physicist writing in Chinese, a French surgeon writing in French); on the
two open calls, applications submitted, being screened, returned for corrections, ineligible,
withdrawn and in review (a reviewer's declared conflict, a review in draft, reviews submitted);
on the closed previous edition of the Paris placement, a whole selection: reviews, decisions,
their release with the decision letters, an offer accepted, one declined and the best reserve
promoted to the place (exchange.demo_people says who, exchange.demo_stories how).

They sign in with the demo logins' password (home.demo.ensure_accounts keeps it in var/); when
there is none (tests, --no-accounts) their password is unusable. A second run adds nothing.
"""

from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from exchange import demo_data as dd
from exchange import demo_people as people
from exchange import services
from exchange.demo_staff import (
    COORDINATOR_EMAIL,
    REVIEWER_EMAIL,
    SECOND_REVIEWER_EMAIL,
    build_demo_staff,
)
from exchange.demo_stories import Cast, Clock, decide_and_release, screen, submit_file
from exchange.models import Application, ProgrammePage

PARIS_CALL = dd.QC_CALL["slug"]
CHANGSHA_CALL = dd.DIEP_CALL["slug"]
PREVIOUS_PARIS_CALL = dd.PREVIOUS_QC_CALL["slug"]
CALLS = {people.PARIS: PARIS_CALL, people.CHANGSHA: CHANGSHA_CALL}
OPEN_CALL_COHORTS = (
    (people.PARIS, people.PARIS_APPLICANTS),
    (people.CHANGSHA, people.CHANGSHA_APPLICANTS),
)

APPLICANTS = [
    {
        "email": "liu.yang@example.cn",
        "full_name": "刘洋",
        "preferred_language": "zh-hans",
        "call": PARIS_CALL,
        "steps": {
            "personal": {
                "passport_name": "LIU YANG",
                "date_of_birth": date(1989, 9, 23),
                "nationality": "中国",
                "phone": "+86 731 8865 2101",
                "institution": "湖南省肿瘤医院",
                "department": "放疗科",
                "profession": "physicist",
                "position": "主管物理师",
                "years_experience": 8,
            },
            "languages": {
                "french_level": "A1",
                "french_certificate": "",
                "english_level": "B2",
                "english_certificate": "IELTS 6.5（2023）",
                "other_languages": [],
            },
            "motivation": {
                "motivation": (
                    "我科今年新装两台直线加速器，调强和容积旋转调强治疗的病例逐年增加，"
                    "但患者个体化质控仍主要依赖人工核对。希望在巴黎系统学习剂量验证流程和"
                    "质控体系的建设，回院后牵头建立全科统一的质控规范。"
                )
            },
        },
    },
    {
        "email": "camille.moreau@example.fr",
        "full_name": "Camille Moreau",
        "preferred_language": "fr",
        "call": CHANGSHA_CALL,
        "steps": {
            "personal": {
                "passport_name": "MOREAU Camille",
                "date_of_birth": date(1991, 2, 11),
                "nationality": "Française",
                "phone": "+33 6 71 23 45 89",
                "institution": "Centre du sein, hôpital universitaire",
                "department": "Chirurgie plastique et reconstructrice",
                "profession": "surgeon",
                "position": "Cheffe de clinique",
                "years_experience": 5,
            },
            "languages": {
                "french_level": "C2",
                "french_certificate": "",
                "english_level": "C1",
                "english_certificate": "",
                "other_languages": [{"language": "Chinois", "level": "A1", "certificate": ""}],
            },
            "motivation": {
                "motivation": (
                    "L’équipe de Changsha réalise un grand nombre de reconstructions par lambeau "
                    "DIEP chaque année. Observer sa prise en charge, de la cartographie des "
                    "perforantes au suivi post-opératoire, m’aiderait à développer cette "
                    "technique dans notre service."
                )
            },
        },
    },
]


def build_demo_applications(home):
    """The demo applicants and their applications. A call that does not exist (or is not open
    for the drafts) is skipped; a second run changes nothing. The closed call goes first: its
    applications were submitted first, so they hold the first references of the year."""
    password = _demo_password()
    _build_drafts(home, password)
    cast = _cast()
    call = _call(home, PREVIOUS_PARIS_CALL)
    if call is not None and not Application.objects.filter(call=call).exists():
        _build_closed_call(call, people.PREVIOUS_APPLICANTS, cast, password)
    for key, cohort in OPEN_CALL_COHORTS:
        call = _call(home, CALLS[key])
        if call is not None:
            _build_open_call(call, cohort, cast, password)


def _build_drafts(home, password):
    for person in APPLICANTS:
        applicant = _applicant(person, password)
        call = _call(home, person["call"])
        if call is None or applicant.applications.filter(call=call).exists():
            continue
        try:
            application = services.start_application(call, by=applicant)
        except services.ApplicationError:
            continue
        for step, data in person["steps"].items():
            services.save_application_step(application, step, data, by=applicant)


def _call(home, slug):
    call = ProgrammePage.objects.filter(slug=slug, locale=home.locale).first()
    return call.canonical if call is not None else None


def _cast():
    staff = {user.email: user for user in build_demo_staff()}
    reviewers = {people.CLAIRE: staff[REVIEWER_EMAIL], people.WANG: staff[SECOND_REVIEWER_EMAIL]}
    return Cast(coordinator=staff[COORDINATOR_EMAIL], reviewers=reviewers)


def _build_open_call(call, cohort, cast, password):
    """Each applicant of `cohort` who has no application to the open `call` yet: filed since
    the call opened, then screened (and reviewed) until an hour ago."""
    now = timezone.now() - timedelta(hours=1)
    if not call.is_open(now):
        return
    for n, person in enumerate(cohort):
        applicant = _applicant(person, password)
        if applicant.applications.filter(call=call).exists():
            continue
        start = call.opens_at + (now - call.opens_at) * (0.05 + 0.08 * n)
        middle = start + (now - start) / 2
        application = submit_file(person, call, applicant, Clock(start, middle))
        screen(application, person, cast, Clock(middle, now))


def _build_closed_call(call, cohort, cast, password):
    """The whole selection of the closed `call`: each applicant filed while it was open,
    everyone reviewed after the closing, then the decisions, their release and the offers."""
    filed = []
    for n, person in enumerate(cohort):
        # Applicants in China submit in Beijing's working day, before noon in Paris.
        start = call.opens_at + timedelta(days=4 + 6 * n, hours=-3 - 2 * n, minutes=7 * n + 13)
        clock = Clock(start, start + timedelta(days=10))
        filed.append((person, submit_file(person, call, _applicant(person, password), clock)))
    reviewing = Clock(
        call.closes_at + timedelta(days=1), call.decision_release_at - timedelta(days=8)
    )
    for person, application in filed:
        screen(application, person, cast, reviewing)
    decide_and_release(call, filed, cast)


def _demo_password():
    path = settings.VAR_DIR / "demo-login.txt"
    return path.read_text().strip() if path.exists() else None


def _applicant(person, password):
    fields = {key: person[key] for key in ("full_name", "preferred_language")}
    user, created = get_user_model().objects.get_or_create(email=person["email"], defaults=fields)
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user
