"""Malformed and hostile input to every public URL answers 400 or 404, never a 5xx.

The targeted tests pin the inputs once seen to break the site; the property-based test throws
generated values (NUL and control characters, broken percent-encoding, lone surrogates, huge
and negative numbers, very long strings) at every public URL and query parameter. It runs a
small derandomized profile by default (CI); HYPOTHESIS_PROFILE=thorough explores further.
"""

import os
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from exchange.models import ProgrammePage
from seminars.choices import RegistrationStatus
from seminars.forms import RegistrationForm
from seminars.models import Registration, SeminarPage

LANGUAGES = ["zh-hans", "en", "fr"]
FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def browser(db):
    """A client that returns a 500 as a response instead of raising the view's exception."""
    return Client(raise_request_exception=False)


# Targeted: each of these answered 500.


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/en/search/?q=%00",
        "/zh-hans/search/?q=%E4%B9%B3%00%E8%85%BA",
        "/en/search/?%00=x",
        "/en/registration/%00/",
        "/en/registration/%00/edit/",
        "/fr/seminars/%00/",
        "/static/%00",
        "/private/%00",
        "/verify/%00/",
    ],
)
def test_nul_byte_in_the_url_is_a_bad_request(browser, demo, url):
    assert browser.get(url).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "text"),
    [("zh-hans", "返回首页"), ("en", "Go to the home page"), ("fr", "Aller à la page d’accueil")],
)
def test_bad_request_page_is_in_the_visitors_language(browser, demo, lang, text):
    response = browser.get(f"/{lang}/search/?q=%00")

    assert response.status_code == 400
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert text in html


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["99999999999999999999", "-1", "0", "10000", "2026.5", "1e3"])
def test_out_of_range_year_on_the_seminar_index_is_a_form_error(browser, demo, year):
    response = browser.get("/en/seminars/", {"year": year})

    assert response.status_code == 400
    assert 'class="form-field__error"' in response.content.decode()


@pytest.mark.django_db
def test_year_in_range_still_filters_the_seminar_index(browser, demo):
    response = browser.get("/en/seminars/", {"year": "2025"})

    assert response.status_code == 200
    assert "Mastopathy Day 2025" in response.content.decode()
    assert "Mastopathy Day 2026" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["a.b", "x" * 65, "%C3%A9", "%ED%A0%80"])
def test_registration_url_with_a_malformed_token_is_not_found(browser, demo, token):
    assert browser.get(f"/en/registration/{token}/").status_code == 404


@pytest.mark.django_db
def test_id_too_large_for_the_database_is_not_found(browser, demo):
    registration = Registration.objects.first()
    huge = "9" * 20

    assert browser.get(f"/en/calendar/seminar-{huge}.ics").status_code == 404
    url = f"/en/registration/{registration.token}/materials/{huge}/"
    assert browser.get(url).status_code == 404


# Property-based: every public URL, generated input.

settings.register_profile(
    "ci",
    max_examples=8,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ODD_VALUES = [
    "\x00",
    "a\x00b",
    "\x01\x1f\x7f",
    "\ud800",
    "\udfff",
    "\ufeff",
    "\u202e",
    "99999999999999999999",
    "-1",
    "-99999999999999999999",
    "1e308",
    "NaN",
    "' OR 1=1 --",
    '"',
    "<script>",
    "../../etc/passwd",
    "%",
    "x" * 5000,
    "乳腺" * 500,
]
# Already percent-encoded, sent as they are: broken escapes and invalid UTF-8.
RAW_ESCAPES = ["%00", "%", "%ZZ", "%ED%A0%80", "%C0%AF", "%FF%FE", "%2e%2e%2f", "%25%30%30"]

hostile_text = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.text(max_size=40),
    st.text(st.characters(codec=None, categories=["Cc", "Cs", "Zs", "Lo"]), max_size=20),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@st.composite
def encoded(draw):
    """A hostile value as it appears in a URL: percent-encoded, or a raw broken escape."""
    if draw(st.integers(0, 5)) == 0:
        return draw(st.sampled_from(RAW_ESCAPES))
    return quote(draw(hostile_text), safe="", errors="surrogatepass")


@st.composite
def query_string(draw, names):
    """Some of `names` (and maybe a stray name) with hostile values."""
    chosen = draw(st.lists(st.sampled_from(names), unique=True)) if names else []
    pairs = [f"{name}={draw(encoded())}" for name in chosen]
    if draw(st.booleans()):
        pairs.append(f"{draw(encoded())}={draw(encoded())}")
    return "&".join(pairs)


@st.composite
def form_data(draw, names):
    """POST data: each of `names` with a generated value (text, not yet encoded)."""
    return {name: draw(hostile_text) for name in names if draw(st.booleans())}


SEMINAR_FILTERS = ["year", "format", "city", "discipline", "language", "page"]
PROGRAMME_FILTERS = ["direction", "discipline", "department", "type", "status", "page"]
REGISTRATION_FIELDS = [*RegistrationForm._meta.fields, "consent", "website"]
# (method, path template, query parameter or form field names). In a template, {lang} is a
# language (or hostile text), {text} and {number} generated values, {seminar}, {programme} and
# {token} a real seminar, call and registration of the demo content.
ROUTES = [
    ("GET", "/", []),
    ("GET", "/{lang}/", ["x"]),
    ("GET", "/{lang}/search/", ["q", "page"]),
    ("GET", "/{lang}/seminars/", SEMINAR_FILTERS),
    ("GET", "/{lang}/seminars/{seminar}/", ["x"]),
    ("POST", "/{lang}/seminars/{seminar}/", REGISTRATION_FIELDS),
    ("GET", "/{lang}/programmes/", PROGRAMME_FILTERS),
    ("GET", "/{lang}/programmes/{programme}/", ["x"]),
    ("GET", "/{lang}/registration/{text}/", []),
    ("GET", "/{lang}/registration/{token}/", ["x"]),
    ("GET", "/{lang}/registration/{token}/edit/", []),
    ("POST", "/{lang}/registration/{token}/edit/", REGISTRATION_FIELDS),
    ("POST", "/{lang}/registration/{text}/cancel/", []),
    ("POST", "/{lang}/registration/{token}/mode/", ["mode"]),
    ("GET", "/{lang}/registration/{token}/calendar.ics", []),
    ("GET", "/{lang}/registration/{token}/materials/{number}/", []),
    ("GET", "/{lang}/registration/{text}/materials/{text}/", []),
    ("GET", "/{lang}/registration/{token}/certificate.pdf", []),
    ("GET", "/{lang}/calendar/seminar-{number}.ics", []),
    ("GET", "/{lang}/referee/{text}/", ["x"]),
    ("POST", "/{lang}/referee/{text}/", ["action", "known_for", "recommendation", "comments"]),
    ("GET", "/{lang}/referee/thank-you/", ["x"]),
    ("GET", "/seminars/calendar.ics", ["x"]),
    ("GET", "/verify/", ["code"]),
    ("GET", "/verify/{text}/", []),
    ("GET", "/healthz", ["x"]),
    ("GET", "/sitemap.xml", ["p"]),
    ("GET", "/{lang}/news/", ["page"]),
    ("GET", "/{lang}/news/cooperation-agreement-signed/", ["x"]),
    ("GET", "/documents/{number}/{text}", []),
    ("GET", "/private/{text}", []),
    ("POST", "/i18n/setlang/", ["language", "next"]),
    ("GET", "/{text}/", []),
    ("GET", "/{lang}/{text}/{text}/", []),
]


@pytest.fixture
def targets(demo):
    """A real seminar slug, a real call slug and a registration token that is not a finished
    attendance (so no certificate is rendered on every example)."""
    registration = (
        Registration.objects.exclude(status=RegistrationStatus.ATTENDED)
        .select_related("seminar")
        .first()
    )
    seminar = SeminarPage.objects.live().filter(locale__language_code="en").first()
    programme = ProgrammePage.objects.live().filter(locale__language_code="en").first()
    return {"seminar": seminar.slug, "programme": programme.slug, "token": registration.token}


@st.composite
def request_for(draw, route, targets):
    """A generated request to `route`: (method, URL, form data or None)."""
    method, template, names = route
    path = template
    for placeholder in ("{lang}", "{text}", "{number}"):
        while placeholder in path:
            path = path.replace(placeholder, draw(_placeholder(placeholder)), 1)
    path = path.format(**targets)
    if method == "POST":
        return method, path, draw(form_data(names))
    query = draw(query_string(names))
    return method, f"{path}?{query}" if query else path, None


def _placeholder(name):
    if name == "{lang}":
        return st.one_of(st.sampled_from(LANGUAGES), encoded())
    if name == "{number}":
        return st.integers(min_value=-(10**25), max_value=10**25).map(str)
    return encoded()


# Tried on every route before the generated requests: each in every placeholder and every
# parameter at once, so the classes of input known to break something are never left to chance.
EVERYWHERE = ["\x00", "99999999999999999999", "-1", "\ud800", '"', "x" * 3000]


def request_everywhere(route, targets, value):
    method, template, names = route
    text = quote(value, safe="", errors="surrogatepass")
    path = template.replace("{lang}", "en").replace("{text}", text).replace("{number}", text)
    path = path.format(**targets)
    if method == "POST":
        return method, path, dict.fromkeys(names, value)
    query = "&".join(f"{name}={text}" for name in names)
    return method, f"{path}?{query}" if query else path, None


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda route: f"{route[0]} {route[1]}")
def test_no_public_url_answers_a_server_error_to_generated_input(browser, targets, route):
    @PROFILE
    @given(request=request_for(route, targets), address=st.integers(1, 254))
    def check(request, address):
        method, url, data = request
        # A fresh address each time, so the registration rate limit is not what answers.
        extra = {"REMOTE_ADDR": f"192.0.2.{address}"}
        if method == "POST":
            response = browser.post(url, urlencode(data, errors="surrogatepass"), FORM, **extra)
        else:
            response = browser.get(url, **extra)
        assert response.status_code < 500, f"{method} {url!r} {data!r}"

    for value in EVERYWHERE:
        check = example(request=request_everywhere(route, targets, value), address=1)(check)
    check()
