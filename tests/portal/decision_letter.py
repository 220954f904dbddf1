"""A document kind as the programmes app will register one: a decision letter in Chinese and
French, rendered through the shared letter template (tests/templates/documents/)."""

from django.utils.functional import lazy
from django.utils.translation import get_language

from home.institutions import partner_issuers, partner_logos
from portal.documents import issue_document, letter_context, register_document_kind
from portal.documents.kinds import _kinds
from portal.translation import in_active_language

KIND = "tests.decision_letter"
# The label as a catalog would translate it: these strings are the tests' own, not the site's.
LABELS = {"en": "Decision letter", "fr": "Lettre de décision", "zh-hans": "决定函"}
LANGUAGES = ["zh-hans", "fr"]
LETTER = {
    "reference": "DL-2026-0042",
    "programmes": {
        "en": "Breast surgery fellowship 2026",
        "fr": "Bourse de chirurgie mammaire 2026",
        "zh-hans": "2026年乳腺外科进修项目",
    },
    "decisions": {"en": "Selected", "fr": "Retenue", "zh-hans": "入选"},
    "subjects": {
        "zh-hans": "关于2026年乳腺外科进修项目的录取决定",
        "fr": "Décision relative à la bourse de chirurgie mammaire 2026",
    },
    "bodies": {
        "zh-hans": [
            "经中法双方评审委员会审议，我们很高兴地通知您：您已入选2026年乳腺外科进修项目。",
            "进修将于2026年9月1日在巴黎大学医院乳腺中心开始，为期三个月。",
        ],
        "fr": [
            "Après délibération du comité de sélection franco-chinois, nous avons le plaisir de "
            "vous informer que votre candidature à la bourse de chirurgie mammaire 2026 est "
            "retenue.",
            "Le stage commencera le 1er septembre 2026 au centre du sein de l’hôpital "
            "universitaire, pour une durée de trois mois.",
        ],
    },
}


def label():
    return LABELS.get(get_language(), LABELS["en"])


def public_facts(document):
    details = document.details
    return [
        ("Programme", in_active_language(details["programmes"])),
        ("Decision", in_active_language(details["decisions"])),
    ]


def context(document):
    details = document.details
    sides = [
        {
            "language": language,
            "subject": details["subjects"][language],
            "paragraphs": details["bodies"][language],
            "decision": details["decisions"][language],
        }
        for language in details["languages"]
    ]
    return letter_context(
        document,
        details["languages"],
        sides=sides,
        reference=details["reference"],
        logos=partner_logos(),
    )


def register():
    return register_document_kind(
        KIND,
        label=lazy(label, str)(),
        public_facts=public_facts,
        template="documents/decision_letter.html",
        context=context,
    )


def unregister():
    _kinds.pop(KIND, None)


def issue(applicant, reissue=False, **details):
    """The decision letter of `applicant` (any model instance standing for an application);
    `reissue` as staff re-issuing a revoked one."""
    values = {"languages": LANGUAGES, **LETTER, **partner_issuers(LANGUAGES), **details}
    return issue_document(
        applicant,
        kind=KIND,
        holder_name="欧阳娜娜",
        title=LETTER["programmes"]["en"],
        details=values,
        reissue=reissue,
    )
