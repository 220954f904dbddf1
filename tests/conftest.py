import os
import shutil

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's Chromium; worker tests need a real broker and worker."""
    no_browser = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt install chromium)")
    no_worker = pytest.mark.skip(reason="no CELERY_BROKER_URL: tasks run eagerly")
    for item in items:
        if "browser" in item.keywords and not shutil.which(CHROMIUM):
            item.add_marker(no_browser)
        if "worker" in item.keywords and not settings.CELERY_BROKER_URL:
            item.add_marker(no_worker)


@pytest.fixture(autouse=True)
def _media_and_private_roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
