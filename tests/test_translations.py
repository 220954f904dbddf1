"""The project catalog (locale/) translates every interface string into Chinese and French.

`make messages` extracts the strings and compiles the catalogs; these tests fail when a string
added to the code has no translation, when a .po was edited without compiling its .mo, or when
a translation lost a placeholder.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from tests.typography import FRENCH_UNSPACED, HALF_WIDTH_IN_CHINESE

BASE_DIR = Path(settings.BASE_DIR)
LOCALE_DIR = BASE_DIR / "locale"
# Catalog folder name -> plural rule it must declare.
CATALOGS = {
    "zh_Hans": "nplurals=1; plural=0;",
    "fr": "nplurals=2; plural=(n > 1);",
}
# What the project's own sources are; any top-level app (a folder with apps.py) joins them.
SOURCES = ["portal", "home", "templates", "locale", "manage.py"]
# The same ignore flags as `make messages`.
IGNORED = [".venv/*", "tests/*", "bench/*", "staticfiles/*", "var/*", "media/*", "private/*"]
GETTEXT_TOOLS = ["xgettext", "msguniq", "msgmerge", "msgattrib"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _source_paths():
    apps = {
        path.name
        for path in BASE_DIR.iterdir()
        if path.is_dir()
        and not path.name.startswith(".")
        and path.name != "tests"
        and (path / "apps.py").is_file()
    }
    return [BASE_DIR / name for name in sorted(set(SOURCES) | apps)]


def extract_catalogs(source_root, workdir):
    """Copy the sources to workdir and run makemessages there: the repository is not touched."""
    for path in _source_paths():
        target = workdir / path.relative_to(source_root)
        if path.is_dir():
            shutil.copytree(
                path, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
            )
        elif path.exists():
            shutil.copy2(path, target)
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete"]
    command += [arg for lang in CATALOGS for arg in ("-l", lang)]
    command += [f"--ignore={pattern}" for pattern in IGNORED]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    result = subprocess.run(
        command, cwd=workdir, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"
    return sorted(workdir.glob("**/LC_MESSAGES/django.po"))


def _untranslated(entry):
    if entry.obsolete:
        return False
    if entry.fuzzy:
        return True
    if entry.msgid_plural:
        return not entry.msgstr_plural or any(not s for s in entry.msgstr_plural.values())
    return not entry.msgstr


def _describe(entry):
    where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:3])
    state = "fuzzy" if entry.fuzzy else "untranslated"
    return f"  {entry.msgid!r} ({state}; {where})"


@pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in GETTEXT_TOOLS),
    reason="GNU gettext (xgettext, msgmerge…) is not on PATH: apt install gettext",
)
def test_every_string_in_the_code_is_translated(tmp_path):
    catalogs = extract_catalogs(BASE_DIR, tmp_path)

    found = {path.parent.parent.name for path in catalogs}
    assert set(CATALOGS) <= found, f"no catalog for {set(CATALOGS) - found} in locale/"
    problems = []
    for path in catalogs:
        missing = [_describe(entry) for entry in polib.pofile(str(path)) if _untranslated(entry)]
        if missing:
            name = path.relative_to(tmp_path)
            problems.append(f"{name}: {len(missing)} string(s) to translate\n" + "\n".join(missing))
    assert not problems, (
        "Strings without a translation (run `make messages`, translate, run it again):\n"
        + "\n".join(problems)
    )


def _committed(lang):
    po_path = LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"
    assert po_path.is_file(), f"{po_path} is missing: run `make messages`"
    return polib.pofile(str(po_path)), po_path.with_suffix(".mo")


def _messages(catalog):
    """(context, msgid, msgid_plural) -> translation(s), as a compiled catalog holds them."""
    messages = {}
    for entry in catalog:
        if entry.obsolete or "fuzzy" in getattr(entry, "flags", ()) or not entry.msgid:
            continue
        key = (entry.msgctxt, entry.msgid, entry.msgid_plural or None)
        if entry.msgid_plural:
            value = tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
            if all(value):
                messages[key] = value
        elif entry.msgstr:
            messages[key] = entry.msgstr
    return messages


@pytest.mark.parametrize("lang", CATALOGS)
def test_the_committed_mo_files_are_compiled_from_the_committed_po_files(lang):
    po, mo_path = _committed(lang)
    assert mo_path.is_file(), f"{mo_path} is missing: run `make messages`"

    compiled = polib.mofile(po.to_binary())
    committed = polib.mofile(str(mo_path))

    assert _messages(committed) == _messages(compiled), (
        f"{mo_path} is out of date with its .po: run `make messages`"
    )
    assert committed.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


@pytest.mark.parametrize("lang", CATALOGS)
def test_catalog_headers_declare_language_charset_and_plural_rule(lang):
    po, _ = _committed(lang)

    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == lang
    assert po.metadata["Content-Type"].lower() == "text/plain; charset=utf-8"
    assert po.metadata["Plural-Forms"].replace(" ", "") == CATALOGS[lang].replace(" ", "")


@pytest.mark.parametrize("lang", CATALOGS)
def test_translations_keep_every_placeholder(lang):
    po, _ = _committed(lang)

    wrong = []
    for entry in po.translated_entries():
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        expected = set().union(*(PLACEHOLDER.findall(s) for s in sources))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if set(PLACEHOLDER.findall(text)) != expected:
                wrong.append(f"  {entry.msgid!r} -> {text!r}")
    assert not wrong, "Placeholders changed in translation:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "zh-hans",
            {
                "Skip to main content": "跳到主要内容",
                "Latest news": "最新动态",
                "Sino-French Breast Cancer Exchange": "中法乳腺肿瘤交流",
            },
        ),
        (
            "fr",
            {
                "Skip to main content": "Aller au contenu principal",
                "Latest news": "Dernières actualités",
                "Sino-French Breast Cancer Exchange": "Échanges franco-chinois en sénologie",
            },
        ),
        (
            "en",
            {
                "Skip to main content": "Skip to main content",
                "Latest news": "Latest news",
                "Sino-French Breast Cancer Exchange": "Sino-French Breast Cancer Exchange",
            },
        ),
    ],
)
def test_interface_strings_render_in_each_language(lang, expected):
    with translation.override(lang):
        for source, text in expected.items():
            assert translation.gettext(source) == text
        rendered = Template('{% load i18n %}{% trans "Skip to main content" %}').render(Context())
        assert rendered == expected["Skip to main content"]


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("zh-hans", {0: "共 0 条结果", 1: "共 1 条结果", 5: "共 5 条结果"}),
        ("fr", {0: "0 résultat", 1: "1 résultat", 5: "5 résultats"}),
        ("en", {0: "0 results", 1: "1 result", 5: "5 results"}),
    ],
)
def test_plural_forms_follow_each_languages_rule(lang, counts):
    template = Template(
        "{% load i18n %}{% blocktrans count counter=n %}{{ counter }} result"
        "{% plural %}{{ counter }} results{% endblocktrans %}"
    )
    with translation.override(lang):
        for n, text in counts.items():
            assert template.render(Context({"n": n})) == text


def _translated_texts(po):
    for entry in po.translated_entries():
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            # A placeholder stands for any text; as such it is neither Chinese nor French.
            yield entry, PLACEHOLDER.sub("X", text)


def test_chinese_translations_use_full_width_punctuation_next_to_chinese_text():
    po, _ = _committed("zh_Hans")

    wrong = [
        f"  {entry.msgid!r} -> {entry.msgstr!r}"
        for entry, text in _translated_texts(po)
        if HALF_WIDTH_IN_CHINESE.search(text)
    ]
    assert not wrong, "Half-width punctuation in Chinese text:\n" + "\n".join(wrong)


def test_french_translations_put_a_no_break_space_before_double_punctuation():
    po, _ = _committed("fr")

    wrong = [
        f"  {entry.msgid!r} -> {entry.msgstr!r}"
        for entry, text in _translated_texts(po)
        if FRENCH_UNSPACED.search(text)
    ]
    assert not wrong, "French : ; ! ? « » without a no-break space:\n" + "\n".join(wrong)


def test_french_emails_name_the_seminar_with_its_article():
    """A seminar title has no article of its own: "votre inscription à Journée…" is not
    French; "au séminaire « … »" is."""
    po, _ = _committed("fr")

    wrong = [
        f"  {entry.msgid!r} -> {entry.msgstr!r}"
        for entry in po.translated_entries()
        if re.search(r"\b(à|de) %\(title\)s", entry.msgstr)
    ]
    assert not wrong, "A title after à/de without an article:\n" + "\n".join(wrong)
