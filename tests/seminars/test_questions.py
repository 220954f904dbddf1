import pytest
from wagtail.models import Locale

from home.demo import translate
from seminars.exports import answers_text
from seminars.forms import RegistrationForm
from seminars.models import Registration, SeminarQuestion

pytestmark = pytest.mark.django_db


@pytest.fixture
def seminar(make_seminar):
    seminar = make_seminar()
    SeminarQuestion.objects.create(
        seminar=seminar,
        label="Will you present a case?",
        kind="yes_no",
        required=True,
        sort_order=0,
    )
    SeminarQuestion.objects.create(
        seminar=seminar,
        label="Sessions of interest",
        kind="multiple",
        options="Surgery\nRadiotherapy\nPathology",
        sort_order=1,
    )
    SeminarQuestion.objects.create(
        seminar=seminar,
        label="Lunch",
        kind="single",
        options="Chinese\nWestern",
        required=True,
        sort_order=2,
    )
    SeminarQuestion.objects.create(
        seminar=seminar, label="Anything else?", kind="text", sort_order=3
    )
    return seminar


def form_data(seminar, **answers):
    data = {
        "full_name": "Jean-Baptiste Lefèvre",
        "email": "jb@example.fr",
        "institution": "CHU de Créteil",
        "profession": "physicist",
        "country": "France",
        "mode": "onsite",
        "language": "fr",
        "consent": "on",
    }
    questions = {q.label: q.pk for q in seminar.questions.all()}
    for label, value in answers.items():
        data[f"question_{questions[label]}"] = value
    return data


def test_the_editors_questions_appear_on_the_form_and_answers_are_kept(client, seminar):
    page = client.get(seminar.url).content.decode()
    response = client.post(
        seminar.url,
        form_data(
            seminar,
            **{
                "Will you present a case?": "yes",
                "Sessions of interest": ["0", "2"],
                "Lunch": "1",
                "Anything else?": "=cmd|' /C calc'!A0",
            },
        ),
    )

    assert "Sessions of interest" in page and "Radiotherapy" in page
    assert response.status_code == 302
    answers = Registration.objects.get(seminar=seminar).answers
    values = {item["question"]: item["answer"] for item in answers.values()}
    assert values == {
        "Will you present a case?": "yes",
        "Sessions of interest": ["Surgery", "Pathology"],
        "Lunch": "Western",
        "Anything else?": "=cmd|' /C calc'!A0",
    }


def test_a_required_question_left_empty_is_a_clear_error(client, seminar):
    response = client.post(seminar.url, form_data(seminar, **{"Lunch": "0"}))

    assert response.status_code == 400
    assert not Registration.objects.filter(seminar=seminar).exists()


def test_an_option_that_does_not_exist_is_refused(client, seminar):
    data = form_data(seminar, **{"Will you present a case?": "no", "Lunch": "7"})

    assert client.post(seminar.url, data).status_code == 400


def test_answers_given_in_french_are_stored_in_the_seminars_language(seminar):
    translate(seminar.get_parent().specific, "fr")
    translate(seminar, "fr")
    french = seminar.get_translation(Locale.objects.get(language_code="fr")).specific
    lunch = french.questions.get(kind="single")
    lunch.options = "Chinois\nOccidental"
    lunch.save()

    form = RegistrationForm(
        form_data(french, **{"Will you present a case?": "no", "Lunch": "1"}), seminar=french
    )

    assert form.is_valid(), form.errors
    values = {item["question"]: item["answer"] for item in form.answers().values()}
    assert values["Lunch"] == "Western"


def test_export_cell_reads_question_and_answer():
    answers = {
        "a": {"question": "Lunch", "answer": "Western"},
        "b": {"question": "Sessions", "answer": ["Surgery", "Pathology"]},
    }

    assert answers_text(answers) == "Lunch: Western | Sessions: Surgery, Pathology"
