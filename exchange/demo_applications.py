"""Demo applicants (`manage.py load_demo_content`): a Chinese physicist writing in Chinese and a
French surgeon writing in French, each with a draft to a demo call, made through the services.

They sign in with the demo logins' password (home.demo.ensure_accounts keeps it in var/); when
there is none (tests, --no-accounts) their password is unusable.
"""

from datetime import date

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model

from exchange import demo_data as dd
from exchange import services
from exchange.models import ProgrammePage

PARIS_CALL = dd.QC_CALL["slug"]
CHANGSHA_CALL = dd.DIEP_CALL["slug"]

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
    """The demo applicants, each with a draft to their demo call. A call that does not exist
    (or is not open) is skipped; a second run changes nothing."""
    password = _demo_password()
    for person in APPLICANTS:
        applicant = _applicant(person, password)
        call = ProgrammePage.objects.filter(slug=person["call"], locale=home.locale).first()
        if call is None or applicant.applications.filter(call=call.canonical).exists():
            continue
        try:
            application = services.start_application(call, by=applicant)
        except services.ApplicationError:
            continue
        for step, data in person["steps"].items():
            services.save_application_step(application, step, data, by=applicant)


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
