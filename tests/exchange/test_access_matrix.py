"""The access matrix of an application (issue: "another applicant, an unassigned reviewer, a
reviewer with a declared conflict, a referee of another application and an anonymous visitor
all get 404 on an application, its documents, its dossier and its letters; none of them is
reachable through a public media URL").

One application holds everything that could leak: the applicant's name, phone and email, a
motivation, seven documents in private storage, an uploaded referee letter and a form letter,
a released decision with its letter, a reviewer who declared no conflict. The people it belongs
to are shown to reach it (so the data is there), then each stranger tries every address of it.
A stranger signed in gets a 404; a visitor with no account (the anonymous one, the referee of
another application) is sent to sign in where a page needs an account, and gets a 404 for every
file: in no case does a byte of the application reach them.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.utils import formats

from exchange.choices import ApplicationStatus
from exchange.models import Referee, Review
from exchange.services import decisions
from exchange.services import reviews as review_services
from tests.exchange.decision_helpers import grant_decisions, release_date_passed
from tests.exchange.dossier_helpers import (
    BORN,
    CV_PAGES,
    EMAIL,
    FORM_ANSWER,
    LETTER,
    MOTIVATION,
    NAME,
    PHONE,
    REFEREE,
    application_in_review,
    dossier_call,
    pdf_of,
)

pytestmark = pytest.mark.django_db

# What no stranger may ever receive, in a page or a file.
LEAKS = (NAME, EMAIL, PHONE, MOTIVATION, REFEREE, LETTER, FORM_ANSWER, *CV_PAGES)
SIGN_IN = "/accounts/login/"
STRANGERS = [
    "another applicant",
    "an unassigned reviewer",
    "a reviewer with a declared conflict",
    "a referee of another application",
    "an anonymous visitor",
]
# Who has no account: sent to sign in where a page needs one.
WITHOUT_ACCOUNT = {"a referee of another application", "an anonymous visitor"}


class World:
    """The application, the people it belongs to, and the strangers' own rows."""

    def __init__(self, staff, make_applicant, make_call):
        owner = make_applicant(email=EMAIL, full_name=NAME)
        call = dossier_call(make_call, title="DIEP breast reconstruction observership")
        self.application = application_in_review(call, owner)
        self.coordinator = grant_decisions(
            staff("Programme coordinators", email="chen.jing@example.cn", full_name="Chen Jing")
        )
        self.reviewer = staff("Reviewers", email="zhou.wei@example.cn")
        self.review = self._review(self.application, self.reviewer)
        self.other_applicant = make_applicant(email="b.rocheforte@example.fr")
        self.elsewhere = application_in_review(
            call, self.other_applicant, reference="HX-2026-0077", motivation="Another goal."
        )
        self.unassigned = staff("Reviewers", email="unassigned@example.org")
        self.unassigned_review = self._review(self.elsewhere, self.unassigned)
        self.conflicted = staff("Reviewers", email="conflicted@example.org")
        conflict = Review.objects.create(application=self.application, reviewer=self.conflicted)
        review_services.declare_conflict(conflict, by=self.conflicted, note="Same department.")
        self.conflict_review = Review.objects.get(pk=conflict.pk)
        self.other_referee = Referee.objects.create(
            application=self.elsewhere,
            name="Prof. Other",
            email="prof.other@example.org",
            institution="Institut Curie",
        )
        self._release()

    @staticmethod
    def _review(application, reviewer):
        review = Review.objects.create(application=application, reviewer=reviewer)
        review_services.declare_no_conflict(review, by=reviewer)
        return Review.objects.get(pk=review.pk)

    def _release(self):
        """The committee's decision, released: the applicant's offer page and letter exist."""
        decisions.decide_application(
            self.application, by=self.coordinator, outcome=ApplicationStatus.SELECTED
        )
        release_date_passed(self.application.call)
        decisions.release_decisions(self.application.call)
        self.application.refresh_from_db()

    @property
    def documents(self):
        return list(self.application.documents.all())

    @property
    def letters(self):
        """The uploaded letters (a form letter has no file: its answers are read on the
        coordinator's and the reviewer's pages, and in the dossier)."""
        return list(self.application.referees.filter(status="received").exclude(letter_path=""))

    def applicant_urls(self):
        pk = self.application.pk
        base = f"/en/my/applications/{pk}"
        pages = [f"{base}/", f"{base}/review/", f"{base}/personal/", f"{base}/documents/"]
        pages += [f"{base}/offer/", f"{base}/withdraw/"]
        files = [f"{base}/documents/{document.kind}/" for document in self.documents]
        files.append(f"{base}/decision-letter.pdf")
        return pages, files

    def admin_urls(self):
        pk, review = self.application.pk, self.review.pk
        listing = "/admin/exchange/applications"
        urls = [f"{listing}/inspect/{pk}/", f"{listing}/{pk}/dossier/"]
        urls += [f"{listing}/files/{pk}/documents/{d.pk}/" for d in self.documents]
        urls += [f"{listing}/files/{pk}/referees/{r.pk}/letter/" for r in self.letters]
        urls += [f"/admin/reviews/{review}/", f"/admin/reviews/{review}/dossier/"]
        urls += [f"/admin/reviews/{review}/documents/{d.pk}/" for d in self.documents]
        urls += [f"/admin/reviews/{review}/letters/{r.pk}/" for r in self.letters]
        return urls

    def own_review_urls(self, review):
        """This application's files under the stranger's own review's address (and, for the
        review of this very application a conflict closed, its page and dossier)."""
        base = f"/admin/reviews/{review.pk}"
        urls = (
            [f"{base}/", f"{base}/dossier/"] if review.application_id == self.application.pk else []
        )
        urls += [f"{base}/documents/{d.pk}/" for d in self.documents]
        urls += [f"{base}/letters/{r.pk}/" for r in self.letters]
        return urls

    def stored_paths(self):
        return [d.path for d in self.documents] + [r.letter_path for r in self.letters]


@pytest.fixture
def world(staff, make_applicant, make_call, private_storage):
    return World(staff, make_applicant, make_call)


def content_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def leaked(response):
    content = content_of(response)
    text = content.decode(errors="replace")
    born = (formats.date_format(BORN, "DATE_FORMAT"), BORN.isoformat())
    found = [value for value in (*LEAKS, *born) if value in text]
    return found + (["a PDF"] if content.startswith(b"%PDF") else [])


def answer(response):
    """ "404" or "sign-in"; anything else is returned as is to fail the comparison. The admin's
    catch-all under /en/ answers an unknown admin address after a redirect: followed once."""
    if response.status_code == 404:
        return "404"
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(SIGN_IN):
            return "sign-in"
        if location.startswith("/en/admin/"):
            return answer(response.client.get(location))
    return f"{response.status_code} {response.get('Location', '')}"


def become(client, world, who):
    """Sign `client` in as `who`; returns the stranger's own review, if they have one."""
    if who == "another applicant":
        client.force_login(world.other_applicant)
    elif who == "an unassigned reviewer":
        client.force_login(world.unassigned)
        return world.unassigned_review
    elif who == "a reviewer with a declared conflict":
        client.force_login(world.conflicted)
        return world.conflict_review
    elif who == "a referee of another application":
        # Their link opens their own request, and the session it starts is all they hold.
        own = client.get(f"/en/referee/{world.other_referee.token}/")
        assert own.status_code == 200 and not leaked(own)
    return None


def test_the_application_is_there_to_leak_for_the_people_it_belongs_to(client, world):
    client.force_login(world.application.applicant)
    pages, files = world.applicant_urls()
    for url in pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
    assert MOTIVATION in content_of(client.get(pages[0])).decode()
    for url in files:
        assert client.get(url).status_code == 200, url

    for user in (world.coordinator, world.reviewer):
        client.force_login(user)
        for url in world.admin_urls():
            if url.startswith("/admin/reviews/") != (user == world.reviewer):
                continue
            response = client.get(url)
            assert response.status_code == 200, (user.email, url)
    client.force_login(world.reviewer)
    dossier = pdf_of(client.get(f"/admin/reviews/{world.review.pk}/dossier/"))
    assert NAME in dossier.pages[0].extract_text()


@pytest.mark.parametrize("who", STRANGERS)
def test_a_stranger_reaches_nothing_of_the_application(client, world, who):
    own_review = become(client, world, who)
    pages, files = world.applicant_urls()
    admin = world.admin_urls() + (world.own_review_urls(own_review) if own_review else [])
    # A referee's token as a key to anything else: it opens nothing but its own request.
    token = f"?token={world.other_referee.token}"
    without_account = who in WITHOUT_ACCOUNT

    expected = {url: "sign-in" if without_account else "404" for url in pages}
    expected |= {url: "404" for url in files}
    # The admin sends a visitor without an account to sign in first; whoever is signed in,
    # staff or not, is told nothing exists.
    expected |= {url: "sign-in" if without_account else "404" for url in admin}
    if who == "a referee of another application":
        expected |= {f"{url}{token}": code for url, code in list(expected.items())}

    answers = {url: answer(client.get(url)) for url in expected}
    assert answers == expected, who
    for url in expected:
        response = client.get(url)
        assert not leaked(response), (who, url, leaked(response))
    for letter in world.letters:  # the target's own referee links closed with the letter
        response = client.get(f"/en/referee/{letter.token}/")
        assert answer(response) == "404" and not leaked(response), who


@pytest.mark.parametrize("who", [*STRANGERS, "the applicant", "a coordinator"])
def test_no_stored_file_is_reachable_under_the_media_url_or_by_its_path(client, world, who):
    if who == "the applicant":
        client.force_login(world.application.applicant)
    elif who == "a coordinator":
        client.force_login(world.coordinator)
    else:
        become(client, world, who)
    paths = world.stored_paths()
    assert len(paths) == len(world.documents) + 1  # seven documents and the uploaded letter

    for path in paths:
        for url in (f"{settings.MEDIA_URL}{path}", f"/private/{path}"):
            response = client.get(url)
            assert response.status_code == 404, (who, url)
            assert not content_of(response).startswith(b"%PDF"), (who, url)


def test_private_storage_lies_outside_every_served_directory(world):
    private_roots = [Path(settings.PRIVATE_ROOT), Path(storages["private"].location)]
    served = [Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT or settings.MEDIA_ROOT)]
    for root in private_roots:
        for public in served:
            assert not root.resolve().is_relative_to(public.resolve()), (root, public)
    for path in world.stored_paths():
        assert storages["private"].exists(path)  # the files are real, and private
        assert not (Path(settings.MEDIA_ROOT) / path).exists()
