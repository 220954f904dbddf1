"""One reading of the client's address for every limit: the registration form's (ours) and the
sign-in throttle's (allauth, through the account adapter)."""

import pytest
from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.test import RequestFactory

from portal.ratelimit import client_address

LOGIN = "/accounts/login/"
PROXY = "10.0.0.2"  # the connecting address: our reverse proxy


@pytest.fixture
def proxies(settings):
    """proxies(n): n trusted proxies in front of the site, told to both readers as production
    does (ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXIES)."""

    def trust(count):
        settings.TRUSTED_PROXIES = count
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = count

    return trust


@pytest.fixture(autouse=True)
def _fresh_sign_in_counts():
    """allauth counts attempts in the default cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("trusted", "forwarded", "address"),
    [
        (0, "", PROXY),
        (0, "198.51.100.1", PROXY),  # no proxy trusted: anyone could write the header
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the address our proxy saw
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (2, "203.0.113.7", PROXY),  # shorter than the proxies in front: not believed
        (1, "", PROXY),
        (1, " , ", PROXY),
    ],
)
def test_allauth_reads_the_same_client_address_as_our_limits(proxies, trusted, forwarded, address):
    proxies(trusted)
    request = RequestFactory().post(LOGIN, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == address
    assert get_adapter(request).get_client_ip(request) == address


@pytest.mark.django_db
def test_a_short_x_forwarded_for_gets_the_sign_in_form_not_a_server_error(client, proxies):
    proxies(2)

    response = client.post(
        LOGIN,
        {"login": "someone@example.org", "password": "wrong"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )

    assert response.status_code == 200  # allauth's own reading raised ImproperlyConfigured
    assert 'name="password"' in response.content.decode()


@pytest.mark.django_db
def test_behind_a_proxy_failed_sign_ins_are_counted_per_client_not_per_proxy(
    client, staff, proxies, settings
):
    proxies(1)
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "2/15m/ip,50/15m/key", "login": "60/m/ip"}
    staff("Editors", email="editor@example.org")

    def sign_in(client_ip, password):
        return client.post(
            LOGIN,
            {"login": "editor@example.org", "password": password},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"198.51.100.1, {client_ip}",
        )

    for _ in range(2):
        sign_in("203.0.113.7", "wrong")
    refused = sign_in("203.0.113.7", "correct horse battery")
    accepted = sign_in("203.0.113.8", "correct horse battery")

    assert "Too many failed login attempts" in refused.content.decode()
    assert accepted.status_code == 302 and "_auth_user_id" in client.session
