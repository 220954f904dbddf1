import itertools
import os
import shutil
import socket
import subprocess
import time

import factory
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.models import Site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's Chromium; worker tests need a real broker and worker."""
    no_browser = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt install chromium)")
    no_worker = pytest.mark.skip(reason="no CELERY_BROKER_URL: tasks run eagerly")
    for item in items:
        _require_serialized_rollback(item)
        if "browser" in item.keywords and not shutil.which(CHROMIUM):
            item.add_marker(no_browser)
        if "worker" in item.keywords and not settings.CELERY_BROKER_URL:
            item.add_marker(no_worker)


def _require_serialized_rollback(item):
    """A transactional test without serialized_rollback ends with a flush that recreates the
    content types under new ids; every serialized test after it then fails to restore."""
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
        raise pytest.UsageError(
            f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)"
        )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "portal.User"
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.add(*Group.objects.filter(name__in=names))
        if create:
            self.save()


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Tests read delivered mail from django.core.mail.outbox, so tasks run in-process even in
    CI's second stage where a real worker listens; tests marked `worker` use that worker."""
    if request.node.get_closest_marker("worker"):
        yield
        return
    from portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fresh_rate_limits(monkeypatch):
    """Rate-limit counters of this test only, in memory: no test inherits another's counts,
    and none has to clear the cache (in CI a Redis others may share)."""
    from django.core.cache.backends.locmem import LocMemCache

    from portal import ratelimit

    counters = LocMemCache(f"ratelimit-{next(_counter_names)}", {})
    monkeypatch.setattr(ratelimit, "cache", counters)
    yield counters
    counters.clear()


_counter_names = itertools.count()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request to /fr/ or /zh-hans/ leaves its language active in the thread (LocaleMiddleware
    does not put it back): each test starts in the default language, whatever ran before it."""
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _no_demo_decision_letters(request):
    """The demo content holds released decisions with their letters (issued documents, one of
    them revoked); a test counts only the documents it issues, unless it is marked as a test of
    the demo's applications."""
    if not request.node.get_closest_marker("django_db") or (
        "demo_applications" in request.keywords
    ):
        return
    request.getfixturevalue("db")
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    from exchange.letters import KIND as DECISION_LETTER
    from portal.models import IssuedDocument

    letters = IssuedDocument.objects.filter(kind=DECISION_LETTER)
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(IssuedDocument),
        object_id__in=[str(pk) for pk in letters.values_list("pk", flat=True)],
    ).delete()
    letters.delete()


@pytest.fixture
def user_factory(db):
    return UserFactory


@pytest.fixture
def staff(db):
    """Make a staff user in the named role groups: staff("Editors")."""

    def make(*groups, **fields):
        return UserFactory(is_staff=True, groups=list(groups), **fields)

    return make


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo content (pages, snippets, seminars, zh-hans and fr
    translations), loaded once per run; each test's changes are rolled back.

    Transactional tests with serialized_rollback restore the snapshot Django took right after
    migrating; it is taken again here, after the demo, or restoring it would write the home
    page's pre-demo row (numchild=0) over the demo's and hide every English page.
    """
    from django.db import connections

    from home.demo import load_demo_content

    with django_db_blocker.unblock():
        load_demo_content()
        for connection in connections.all():
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture
def demo(home_page):
    return home_page


@pytest.fixture
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    from portal.private import private_storage as storage

    return storage()


@pytest.fixture
def celery_broker(monkeypatch):
    """celery_broker(url): publish tasks to `url` for real (not eagerly) until the test ends,
    with fresh connection pools, as a web process configured with CELERY_BROKER_URL does."""
    from portal.celery import app

    def reset_pools():
        # Drop (do not close) the pools: kombu keeps closed producer pools in a registry.
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.task_always_eager, app.conf.broker_url

    def use(url):
        monkeypatch.setenv("CELERY_BROKER_URL", url)  # Celery prefers the environment to its conf
        reset_pools()
        app.conf.task_always_eager, app.conf.broker_url = False, url

    yield use
    reset_pools()
    app.conf.task_always_eager, app.conf.broker_url = previous


class RedisServer:
    """A redis-server of the test's own on a free port: stopped and started for real, never the
    shared one. No persistence, so a restart comes back empty, as after a crash."""

    def __init__(self, port):
        self.port = port
        self.process = None

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not self._answers():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def _answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture
def redis_server():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = RedisServer(port)
    server.start()
    yield server
    server.stop()
