"""Build the demo content of home.demo_content (used by `manage.py load_demo_content`)."""

import secrets
from importlib import import_module
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import DraftStateMixin, Locale, Site
from wagtail_localize.models import Translation, TranslationSource

from home import demo_content as demo
from home.models import (
    Department,
    Institution,
    NewsIndexPage,
    NewsPage,
    Person,
    SiteSettings,
    StandardPage,
)

ADMIN_EMAIL = "admin@exchange-portal.localhost"
EDITOR_EMAIL = "editor@exchange-portal.localhost"
ORGANISER_EMAIL = "organiser@exchange-portal.localhost"


def translate(instance, language_code):
    """Translate `instance` with wagtail-localize, as an editor would, from the demo strings."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    locale = Locale.objects.get(language_code=language_code)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    strings = demo_strings(language_code)
    po = translation.export_po()
    for entry in po:
        # Multi-line text fields are segmented with <br/> for their line breaks.
        plain = entry.msgid.replace("<br/>", "\n")
        entry.msgstr = strings.get(plain, "").replace("\n", "<br/>")
    translation.import_po(po, translation_type="manual")
    # wagtail-localize publishes on commit from a stale in-memory page; publish here instead,
    # from a fresh copy, so the result is the same inside one transaction (and in tests).
    drafts = isinstance(instance, DraftStateMixin)
    translation.save_target(publish=not drafts)
    if drafts:
        translation.get_target_instance().get_latest_revision().publish()


def translate_everywhere(instance):
    for code in demo.TRANSLATIONS:
        translate(instance, code)


def app_demos():
    """The demo modules of the project's other apps (`<app>.demo`, with `build(home)` and
    `TRANSLATIONS`), in INSTALLED_APPS order: each app keeps its own demo content."""
    modules = []
    for config in apps.get_app_configs():
        if config.name == "home" or not Path(config.path).is_relative_to(settings.BASE_DIR):
            continue
        try:
            modules.append(import_module(f"{config.name}.demo"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
    return modules


def app_logins():
    """[(email, role)] of the other apps' demo logins worth printing (`<app>.demo.LOGINS`)."""
    return [login for module in app_demos() for login in getattr(module, "LOGINS", [])]


def demo_strings(language_code):
    """The demo's translations into `language_code`: the site's and every app's."""
    strings = dict(demo.TRANSLATIONS[language_code])
    for module in app_demos():
        strings.update(module.TRANSLATIONS.get(language_code, {}))
    return strings


def _body(items):
    blocks = []
    for kind, value in items:
        if kind == "heading":
            blocks.append(("heading", {"text": value, "level": "h2"}))
        elif kind == "quote":
            blocks.append(("quote", {"text": value[0], "attribution": value[1]}))
        else:
            blocks.append((kind, value))
    return blocks


def text_pdf(lines):
    """A one-page PDF (A4, Helvetica) showing `lines` of ASCII text."""
    text = "".join(
        f"BT /F1 {18 if n == 0 else 12} Tf 72 {770 - 28 * n} Td ({line}) Tj ET\n"
        for n, line in enumerate(lines)
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%sendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return pdf


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_snippets():
    institutions = {
        "changsha": Institution.objects.create(**demo.CHANGSHA),
        "paris": Institution.objects.create(**demo.PARIS),
    }
    departments = {}
    for key, institution in institutions.items():
        translate_everywhere(institution)
        for name in demo.DEPARTMENTS:
            department = Department.objects.create(institution=institution, name=name)
            translate_everywhere(department)
            departments[key, name] = department
    for name, title, key, department_name, bio in demo.PEOPLE:
        person = Person.objects.create(
            name=name,
            title=title,
            institution=institutions[key],
            department=departments[key, department_name],
            bio=bio,
        )
        translate_everywhere(person)
    site_settings = SiteSettings.objects.create(**demo.SITE_SETTINGS)
    translate_everywhere(site_settings)


def align_site_with_site_url():
    """Give the default Site the host and port of SITE_URL, so full URLs (sitemap, emails)
    point where the site is served; only while it still has the migration's placeholder."""
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) == ("localhost", 80) and url.hostname:
        site.hostname = url.hostname
        site.port = url.port or (443 if url.scheme == "https" else 80)
        site.site_name = "Sino-French Breast Cancer Exchange"
        site.save()


def build_pages():
    home = Site.objects.get(is_default_site=True).root_page.specific
    for field, value in demo.HOME.items():
        setattr(home, field, value)
    home.save_revision().publish()
    about = publish(
        home,
        StandardPage(
            title=demo.ABOUT["title"],
            slug=demo.ABOUT["slug"],
            introduction=demo.ABOUT["introduction"],
            body=_body(demo.ABOUT["body"]),
            show_in_menus=True,
        ),
    )
    news_index = publish(home, NewsIndexPage(**demo.NEWS_INDEX, show_in_menus=True))
    article = publish(
        news_index,
        NewsPage(**{**demo.NEWS, "body": _body(demo.NEWS["body"])}),
    )
    privacy = publish(
        home,
        StandardPage(**{**demo.PRIVACY, "body": _body(demo.PRIVACY["body"])}),
    )
    for page in (home, about, news_index, article, privacy):
        translate_everywhere(page)
    for row in SiteSettings.objects.select_related("locale"):  # each language, its translation
        row.privacy_page = privacy.get_translation_or_none(row.locale) or privacy
        row.save(update_fields=["privacy_page"])


def ensure_accounts():
    """An administrator, an editor and a seminar organiser; one password, made once and kept
    in var/."""
    password_file = settings.VAR_DIR / "demo-login.txt"
    if password_file.exists():
        password = password_file.read_text().strip()
    else:
        password = secrets.token_urlsafe(12)
        password_file.parent.mkdir(parents=True, exist_ok=True)
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
    User = get_user_model()
    if not User.objects.filter(email=ADMIN_EMAIL).exists():
        User.objects.create_superuser(ADMIN_EMAIL, password, full_name="Portal administrator")
    if not User.objects.filter(email=EDITOR_EMAIL).exists():
        editor = User.objects.create_user(
            EDITOR_EMAIL, password, full_name="Demo editor", is_staff=True
        )
        editor.groups.add(Group.objects.get(name="Editors"), Group.objects.get(name="Moderators"))
    if not User.objects.filter(email=ORGANISER_EMAIL).exists():
        organiser = User.objects.create_user(
            ORGANISER_EMAIL, password, full_name="Demo seminar organiser", is_staff=True
        )
        organiser.groups.add(Group.objects.get(name="Seminar organisers"))
    return password


def demo_content_loaded():
    return StandardPage.objects.filter(slug=demo.ABOUT["slug"]).exists()


@transaction.atomic
def load_demo_content():
    """Create the demo pages, snippets and translations; a second call changes nothing."""
    if demo_content_loaded():
        return False
    align_site_with_site_url()
    build_snippets()
    build_pages()
    home = Site.objects.get(is_default_site=True).root_page.specific
    for module in app_demos():
        module.build(home)
    return True
