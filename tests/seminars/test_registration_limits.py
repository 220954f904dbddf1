"""The public registration form tells no stranger whether an address is registered, cannot be
used to flood an inbox, and lets a whole hospital network register from one address."""

import re

import pytest

from portal.models import OutboundEmail
from seminars.choices import AttendanceMode
from seminars.models import Registration

pytestmark = pytest.mark.django_db


def form_data(n=1, **fields):
    return {
        "full_name": f"Colleague {n}",
        "email": f"colleague{n}@hnca.org.cn",
        "institution": "Hunan Cancer Hospital",
        "profession": "nurse",
        "country": "China",
        "mode": AttendanceMode.ONSITE,
        "language": "zh-hans",
        "consent": "on",
        **fields,
    }


def messages(page):
    return re.findall(r'<p class="message[^>]*>([^<]*)</p>', page)


def answer(client, seminar, data, **headers):
    response = client.post(seminar.url, data, **headers)
    page = client.get(response["Location"]).content.decode() if response.status_code == 302 else ""
    return response.status_code, response.get("Location"), page


def test_a_registered_and_an_unknown_address_get_the_same_answer(client, make_seminar):
    seminar = make_seminar(capacity_onsite=50)
    answer(client, seminar, form_data(1))

    again = answer(client, seminar, form_data(1, full_name="Someone else"))
    unknown = answer(client, seminar, form_data(2))

    assert again[:2] == unknown[:2] == (302, f"{seminar.url}#register")
    assert messages(again[2]) == [
        "Check your inbox: we have sent the private link for this registration to "
        "colleague1@hnca.org.cn."
    ]
    assert messages(unknown[2]) == [messages(again[2])[0].replace("colleague1", "colleague2")]


def test_the_private_link_is_emailed_again_only_a_few_times_an_hour(client, make_seminar, settings):
    settings.REGISTRATION_RATE_LIMITS = {"address": 100, "email": 50, "link_resent": 3}
    seminar = make_seminar()
    client.post(seminar.url, form_data(1))

    answers = {answer(client, seminar, form_data(1))[:2] for _ in range(6)}

    assert answers == {(302, f"{seminar.url}#register")}
    assert OutboundEmail.objects.filter(kind="seminars.registration.link_resent").count() == 3
    assert Registration.objects.filter(seminar=seminar).count() == 1


def test_thirty_colleagues_behind_one_hospital_address_all_register(client, make_seminar):
    seminar = make_seminar(capacity_onsite=50)

    codes = [client.post(seminar.url, form_data(n)).status_code for n in range(30)]

    assert codes == [302] * 30
    assert Registration.objects.filter(seminar=seminar).count() == 30


def test_one_email_over_its_limit_is_refused(client, make_seminar, settings):
    settings.REGISTRATION_RATE_LIMITS = {"address": 100, "email": 2, "link_resent": 3}
    seminars = [make_seminar() for _ in range(3)]

    codes = [client.post(seminar.url, form_data(1)).status_code for seminar in seminars]
    other = client.post(seminars[2].url, form_data(2))

    assert codes == [302, 302, 400]
    assert other.status_code == 302
    assert not Registration.objects.filter(seminar=seminars[2], email="colleague1@hnca.org.cn")


def test_refused_submissions_do_not_count_towards_the_limit(client, make_seminar, settings):
    settings.REGISTRATION_RATE_LIMITS = {"address": 3, "email": 5, "link_resent": 3}
    seminar = make_seminar(capacity_onsite=50)

    refused = [client.post(seminar.url, form_data(n, consent="")).status_code for n in range(8)]
    accepted = [client.post(seminar.url, form_data(n)).status_code for n in range(4)]

    assert refused == [400] * 8
    assert accepted == [302, 302, 302, 400]
    assert Registration.objects.filter(seminar=seminar).count() == 3


def test_x_forwarded_for_is_ignored_without_trusted_proxies(client, make_seminar, settings):
    settings.REGISTRATION_RATE_LIMITS = {"address": 2, "email": 5, "link_resent": 3}
    settings.TRUSTED_PROXIES = 0
    seminar = make_seminar(capacity_onsite=50)

    codes = [
        client.post(seminar.url, form_data(n), HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(3)
    ]

    assert codes == [302, 302, 400]


def test_behind_a_trusted_proxy_each_client_address_has_its_own_limit(
    client, make_seminar, settings
):
    settings.REGISTRATION_RATE_LIMITS = {"address": 1, "email": 5, "link_resent": 3}
    settings.TRUSTED_PROXIES = 1
    seminar = make_seminar(capacity_onsite=50)

    def post(n, forwarded):
        return client.post(seminar.url, form_data(n), HTTP_X_FORWARDED_FOR=forwarded).status_code

    # The client may write anything in the header; the proxy appends the address it saw.
    assert [post(1, "1.2.3.4, 203.0.113.7"), post(2, "5.6.7.8, 203.0.113.7")] == [302, 400]
    assert post(3, "198.51.100.9") == 302
