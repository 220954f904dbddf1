import pytest
from django.contrib.auth import authenticate, get_user_model
from django.test import Client


@pytest.mark.django_db
def test_email_is_the_login_name_case_insensitively():
    User = get_user_model()
    user = User.objects.create_user("Zhang.Wei@Example.CN", "s3cret-enough-pass")

    assert user.email == "zhang.wei@example.cn"
    assert authenticate(username="ZHANG.WEI@example.cn", password="s3cret-enough-pass") == user


@pytest.mark.django_db
def test_a_chinese_full_name_is_kept_whole():
    user = get_user_model().objects.create_user("li@example.cn", "x", full_name="欧阳娜娜")

    assert str(user) == "欧阳娜娜"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "Page not found"), ("fr", "Page introuvable"), ("zh-hans", "页面不存在")],
)
def test_404_is_styled_and_in_the_visitors_language(client, demo, lang, text):
    response = client.get(f"/{lang}/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert text in html
    assert 'class="site-header"' in html


def test_500_page_speaks_all_three_languages_without_the_database(settings):
    settings.DEBUG = False
    from django.urls import path

    def broken(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type(
        "urls",
        (),
        {"urlpatterns": [path("boom", broken)], "handler500": "portal.views.server_error"},
    )
    response = Client(raise_request_exception=False).get("/boom")

    assert response.status_code == 500
    html = response.content.decode()
    assert (
        "服务器出错了" in html
        and "Something went wrong" in html
        and "Une erreur est survenue" in html
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/no-such-view/", "/verify/NOPE-NOPE-NOPE/", "/private/x/"])
def test_unprefixed_urls_keep_their_own_404_instead_of_bouncing_to_the_site(client, staff, path):
    client.force_login(staff("Editors"))

    assert client.get(path).status_code == 404
