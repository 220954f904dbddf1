"""Demo staff of the programmes (`manage.py load_demo_content`): a programme coordinator and two
reviewers, one working in French and one in Chinese.

They sign in with the demo logins' password (home.demo.ensure_accounts keeps it in var/); when
there is none (tests, --no-accounts) their password is unusable. A second run changes nothing.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

COORDINATOR_EMAIL = "coordinator@exchange-portal.localhost"
REVIEWER_EMAIL = "reviewer@exchange-portal.localhost"
SECOND_REVIEWER_EMAIL = "reviewer2@exchange-portal.localhost"

STAFF = [
    (COORDINATOR_EMAIL, "Demo programme coordinator", "Programme coordinators", "en"),
    (REVIEWER_EMAIL, "Dr Claire Martin", "Reviewers", "fr"),
    (SECOND_REVIEWER_EMAIL, "王磊 医生", "Reviewers", "zh-hans"),
]


def build_demo_staff():
    """The demo coordinator and reviewers, each in their group, with their admin language."""
    password = _demo_password()
    users = []
    for email, name, group, language in STAFF:
        user, created = get_user_model().objects.get_or_create(
            email=email,
            defaults={"full_name": name, "is_staff": True, "preferred_language": language},
        )
        if created:
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=group))
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save(update_fields=["preferred_language"])
        users.append(user)
    return users


def _demo_password():
    path = settings.VAR_DIR / "demo-login.txt"
    return path.read_text().strip() if path.exists() else None
