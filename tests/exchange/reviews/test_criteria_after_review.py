"""Once reviewers have scored a call, its scoring grid holds still in the page editor.

Score.criterion is PROTECT: publishing the call without a criterion someone has scored raised
ProtectedError (a 500). The editor now refuses it on the criterion, as it refuses changing a
scored criterion's weight (each submitted review's weighted score, and so the ranking, was
computed with it) and adding a criterion once reviews are submitted (they could not score it).
Names and descriptions may still be corrected, and a call nobody has scored is edited freely.
"""

import pytest
from django.urls import reverse
from wagtail.blocks.base import BlockField

from exchange.models import ProgrammePage, Score, SelectionCriterion
from exchange.models.pages import CRITERION_ADDED, CRITERION_REMOVED, CRITERION_REWEIGHED
from tests.exchange.reviews.conftest import declared

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(staff):
    return staff("Editors", "Moderators", is_superuser=True)


def edit_form_data(user, page):
    """The page editor's form for `page` as it stands, as the browser would post it."""
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=user, parent_page=page.get_parent())
    data = {"action-publish": "action-publish"}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, BlockField):  # the calls made here have no body and no FAQ
            data[f"{name}-count"] = 0
        elif hasattr(value, "isoformat"):
            data[name] = field.widget.format_value(value)
        else:
            data[name] = value
    for prefix, formset in form.formsets.items():
        for name in formset.management_form.fields:
            data[f"{prefix}-{name}"] = formset.management_form[name].value()
        for child in formset.forms:
            for name in child.fields:
                data[child.add_prefix(name)] = child[name].value()
    return {key: value for key, value in data.items() if value is not None and value is not False}


def criterion_prefix(page, name):
    """The criteria formset's prefix for the criterion called `name` (forms are in order)."""
    names = list(page.criteria.order_by("sort_order", "pk").values_list("name", flat=True))
    return f"criteria-{names.index(name)}"


@pytest.fixture
def scored(review_call, make_in_review, make_review):
    """`review_call` with one review in progress that has scored "Surgical experience"."""
    review = declared(make_review(make_in_review(review_call)))
    criterion = review_call.criteria.get(name="Surgical experience")
    Score.objects.create(review=review, criterion=criterion, value=8)
    return review_call


def publish(client, user, page, data):
    client.force_login(user)
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)


def test_removing_a_scored_criterion_is_refused_on_the_criterion(client, editor, scored):
    data = edit_form_data(editor, scored)
    prefix = criterion_prefix(scored, "Surgical experience")
    data[f"{prefix}-DELETE"] = "1"

    response = publish(client, editor, scored, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert str(CRITERION_REMOVED) in html
    # The criterion is shown again, not hidden as deleted, so its message is seen.
    assert f'name="{prefix}-DELETE"' in html and f'name="{prefix}-DELETE" value="1"' not in html
    assert SelectionCriterion.objects.filter(programme=scored, name="Surgical experience").exists()
    assert Score.objects.count() == 1


def test_an_unscored_criterion_of_a_scored_call_can_be_removed(client, editor, scored):
    data = edit_form_data(editor, scored)
    data[f"{criterion_prefix(scored, 'Contribution')}-DELETE"] = "1"

    response = publish(client, editor, scored, data)

    assert response.status_code == 302
    names = set(ProgrammePage.objects.get(pk=scored.pk).criteria.values_list("name", flat=True))
    assert names == {"Surgical experience", "Learning goals"}


def test_changing_a_scored_criterions_weight_is_refused(client, editor, scored):
    data = edit_form_data(editor, scored)
    data[f"{criterion_prefix(scored, 'Surgical experience')}-weight"] = "1"

    response = publish(client, editor, scored, data)

    assert response.status_code == 200
    assert str(CRITERION_REWEIGHED) in response.content.decode()
    assert scored.criteria.get(name="Surgical experience").weight == 3


def test_a_scored_criterions_name_and_description_can_be_corrected(client, editor, scored):
    data = edit_form_data(editor, scored)
    prefix = criterion_prefix(scored, "Surgical experience")
    data[f"{prefix}-name"] = "Surgical experience (logbook)"
    data[f"{prefix}-description"] = "From the operative logbook, last three years."

    response = publish(client, editor, scored, data)

    assert response.status_code == 302
    criterion = ProgrammePage.objects.get(pk=scored.pk).criteria.get(weight=3)
    assert criterion.name == "Surgical experience (logbook)"
    assert Score.objects.get().criterion_id == criterion.pk


def add_criterion(data, name):
    n = int(data["criteria-TOTAL_FORMS"])
    data.update(
        {
            "criteria-TOTAL_FORMS": str(n + 1),
            f"criteria-{n}-name": name,
            f"criteria-{n}-weight": "2",
            f"criteria-{n}-description": "",
            f"criteria-{n}-ORDER": str(n + 1),
        }
    )
    return data


def test_no_criterion_is_added_once_a_review_is_submitted(client, editor, scored):
    scored.applications.get().reviews.update(status="submitted", weighted_score="8.00")
    data = add_criterion(edit_form_data(editor, scored), "Research output")

    response = publish(client, editor, scored, data)

    assert response.status_code == 200
    assert str(CRITERION_ADDED) in response.content.decode()
    assert scored.criteria.count() == 3


def test_a_call_nobody_has_scored_is_edited_freely(client, editor, review_call):
    data = add_criterion(edit_form_data(editor, review_call), "Research output")
    data[f"{criterion_prefix(review_call, 'Contribution')}-DELETE"] = "1"
    data[f"{criterion_prefix(review_call, 'Surgical experience')}-weight"] = "2"

    response = publish(client, editor, review_call, data)

    assert response.status_code == 302
    weights = dict(
        ProgrammePage.objects.get(pk=review_call.pk).criteria.values_list("name", "weight")
    )
    assert weights == {"Surgical experience": 2, "Learning goals": 1, "Research output": 2}
