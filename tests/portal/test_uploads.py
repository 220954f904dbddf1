"""portal.uploads: every upload is judged by its content, and each refusal says exactly why.

The files are made here: Pillow draws the images, pypdf writes the PDFs, and the hostile ones
are written byte by byte. Each refusal is checked against a good file that the same call
accepts, so no refusal test can pass with a checker that refuses everything.
"""

import io
import re
import struct
import tempfile
import unicodedata
import zipfile
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.utils import translation
from PIL import Image, ImageFile
from pypdf import PdfWriter

from portal.uploads import (
    IMAGES,
    JPEG,
    PDF,
    PNG,
    CheckedFileField,
    UploadRefused,
    check_upload,
    save_checked_upload,
)

MB = 1024 * 1024
ALL = (PDF, JPEG, PNG)


def png_bytes(size=(64, 48), noise=False):
    image = Image.effect_noise(size, 80).convert("RGB") if noise else Image.new("RGB", size, "teal")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes(size=(640, 480)):
    buffer = io.BytesIO()
    Image.effect_noise(size, 80).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def gif_bytes():
    buffer = io.BytesIO()
    Image.new("P", (8, 8)).save(buffer, "GIF")
    return buffer.getvalue()


def pdf_bytes(pages=1, password=None):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width, height):
    """A valid PNG header that declares `width` × `height` pixels, with almost no data: a
    few hundred bytes that would decompress to gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + _chunk(b"IEND", b"")
    )


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("cv.pdf", "not a pdf")
    return buffer.getvalue()


ONE_PAGE = pdf_bytes()
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>fetch('/private/users/1/passport.pdf')</script></svg>"
)
SVG_PLAIN = b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
EXE = b"MZ\x90\x00" + b"\x00" * 60 + b"PE\x00\x00" + b"\x00" * 200
TEXT = b"Curriculum vitae\nWang Fang, MD\n"


def upload(content, name="file.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def refusal(content, *, kinds=ALL, name="file.pdf", **kwargs):
    with pytest.raises(UploadRefused) as caught:
        check_upload(upload(content, name), kinds=kinds, **kwargs)
    return caught.value


# What is accepted ---------------------------------------------------------------------------------


def test_a_pdf_is_accepted_with_its_page_count():
    checked = check_upload(upload(pdf_bytes(pages=3), "CV.pdf"), kinds=[PDF])

    assert (checked.kind, checked.content_type, checked.pages) == (PDF, "application/pdf", 3)
    assert checked.size == len(pdf_bytes(pages=3))
    assert checked.name == "CV.pdf"
    assert (checked.width, checked.height) == (None, None)


@pytest.mark.parametrize(
    ("content", "kind", "name"),
    [(png_bytes((64, 48)), PNG, "photo.png"), (jpeg_bytes((64, 48)), JPEG, "photo.jpg")],
)
@pytest.mark.parametrize("pillow_loads_truncated", [False, True], ids=["strict", "weasyprint"])
def test_png_and_jpeg_photos_are_accepted_with_their_size(
    content, kind, name, pillow_loads_truncated, monkeypatch
):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", pillow_loads_truncated)

    checked = check_upload(upload(content, name), kinds=IMAGES)

    assert (checked.kind, checked.width, checked.height, checked.pages) == (kind, 64, 48, None)
    assert checked.content_type == kind.content_type
    assert checked.name == name


def test_the_checked_file_is_rewound_for_saving():
    content = jpeg_bytes()

    checked = check_upload(upload(content, "photo.jpg"), kinds=IMAGES)

    assert checked.file.read() == content


def test_a_file_just_under_the_limit_is_accepted(settings):
    content = pdf_bytes()
    settings.UPLOAD_MAX_BYTES = len(content)

    assert check_upload(upload(content), kinds=[PDF]).size == len(content)


# What is refused, and why -------------------------------------------------------------------------


def test_an_empty_file_is_refused():
    error = refusal(b"")

    assert error.code == "empty"
    assert str(error) == "The file is empty. Check it and upload it again."


def test_a_file_over_the_limit_says_its_size_and_the_limit_without_being_read():
    with tempfile.TemporaryFile() as file:
        file.truncate(25 * MB)  # a sparse file: 25 MB reported, nothing allocated

        with pytest.raises(UploadRefused) as caught:
            check_upload(file, kinds=[PDF], name="scan.pdf")

        assert file.tell() == 0  # its size was asked, not its content
    assert caught.value.code == "too_large"
    assert str(caught.value) == "The file is too large (25 MB); the limit is 10 MB."


def test_a_call_sets_its_own_limit_and_sizes_round_up():
    error = refusal(b"%PDF-1.7" + b"\0" * (2 * MB), max_bytes=2 * MB)

    assert error.code == "too_large"
    assert str(error) == "The file is too large (2.1 MB); the limit is 2 MB."


@pytest.mark.parametrize(
    ("content", "actual"),
    [
        (png_bytes(), "PNG"),
        (jpeg_bytes(), "JPEG"),
        (gif_bytes(), "GIF"),
        (docx_bytes(), "DOCX"),
        (zip_bytes(), "ZIP"),
        (EXE, "EXE"),
    ],
)
def test_a_known_file_of_the_wrong_kind_says_what_it_is_and_what_is_expected(content, actual):
    error = refusal(content, kinds=[PDF], name="cv.pdf")

    assert error.code == "wrong_kind"
    assert str(error) == f"This file is a {actual} file. Accepted types: PDF."


@pytest.mark.parametrize(
    "content",
    [SVG_WITH_SCRIPT, SVG_PLAIN, HTML, TEXT, b"\x00\x01\x02\x03binary"],
    ids=["svg-script", "svg", "html", "text", "unknown"],
)
def test_svg_html_and_text_are_refused_whatever_their_name(content):
    for name in ("cv.pdf", "photo.png", "photo.jpg"):
        error = refusal(content, name=name)

        assert error.code == "wrong_kind"
        assert str(error) == "This file is not of an accepted type. Accepted types: PDF, JPEG, PNG."


def test_a_pdf_where_only_images_are_accepted_is_refused():
    error = refusal(pdf_bytes(), kinds=IMAGES, name="photo.jpg")

    assert str(error) == "This file is a PDF file. Accepted types: JPEG, PNG."


@pytest.mark.parametrize(
    ("width", "height"),
    [(30_000, 30_000), (8_000, 6_000)],
    ids=["beyond-pillow-guard", "beyond-our-limit"],
)
def test_an_image_bomb_is_refused_before_it_is_decompressed(width, height, monkeypatch):
    bomb = png_declaring(width, height)
    assert len(bomb) < 200

    def decompress(self):
        raise AssertionError("the image was decompressed")

    monkeypatch.setattr(ImageFile.ImageFile, "load", decompress)

    error = refusal(bomb, kinds=IMAGES, name="photo.png")

    assert error.code == "too_many_pixels"
    assert str(error) == (
        "The image is too large: at most 40 megapixels are accepted. "
        "Reduce its size and upload it again."
    )


def test_the_pixel_limit_is_a_setting(settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 64 * 48

    assert check_upload(upload(png_bytes((64, 48)), "a.png"), kinds=IMAGES).width == 64
    assert refusal(png_bytes((65, 48)), kinds=IMAGES).code == "too_many_pixels"


@pytest.mark.parametrize(
    "content",
    [
        png_bytes((400, 300), noise=True)[:-2000],
        png_bytes((400, 300), noise=True)[:-12],  # at a chunk boundary: no IEND
        jpeg_bytes((800, 600))[:-2000],
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"\xff\xd8\xff\xe0" + b"garbage" * 20,
    ],
    ids=[
        "truncated-png",
        "png-without-end",
        "truncated-jpeg",
        "png-signature-only",
        "jpeg-signature-only",
    ],
)
# WeasyPrint sets LOAD_TRUNCATED_IMAGES for the whole process once it is imported.
@pytest.mark.parametrize("pillow_loads_truncated", [False, True], ids=["strict", "weasyprint"])
def test_a_damaged_image_is_refused(content, pillow_loads_truncated, monkeypatch):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", pillow_loads_truncated)

    error = refusal(content, kinds=IMAGES, name="photo.png")

    assert error.code == "unreadable_image"
    assert str(error) == (
        "The image cannot be read: it may be damaged or incomplete. Save it again and upload it."
    )


def test_an_encrypted_pdf_is_refused_with_how_to_fix_it():
    error = refusal(pdf_bytes(password="secret"), kinds=[PDF])

    assert error.code == "encrypted_pdf"
    assert str(error) == (
        "The PDF is protected by a password. Remove the password and upload it again."
    )


def test_a_pdf_with_only_an_owner_password_is_refused_too():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)

    assert refusal(buffer.getvalue(), kinds=[PDF]).code == "encrypted_pdf"


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n" + b"junk that is not a PDF body " * 40,
        b"%PDF-1.4\n",
        ONE_PAGE[: len(ONE_PAGE) // 2],
        ONE_PAGE.replace(b"startxref", b"startxrex"),
    ],
    ids=["magic-then-junk", "magic-only", "truncated", "broken-xref-pointer"],
)
def test_a_pdf_pypdf_cannot_read_is_refused(content):
    error = refusal(content, kinds=[PDF])

    assert error.code == "unreadable_pdf"
    assert str(error) == (
        "The PDF cannot be read: it may be damaged. Save or export it as PDF again and upload it."
    )


def test_a_pdf_without_pages_is_refused():
    error = refusal(pdf_bytes(pages=0), kinds=[PDF])

    assert (error.code, str(error)) == ("empty_pdf", "The PDF has no pages.")


def test_a_refusal_is_a_validation_error_forms_can_show():
    error = refusal(b"")

    assert isinstance(error, ValidationError)
    assert error.messages == ["The file is empty. Check it and upload it again."]


# Messages in the visitor's language ---------------------------------------------------------------


def test_the_size_refusal_speaks_french():
    with translation.override("fr"):
        error = refusal(b"%PDF-1.7" + b"\0" * (2 * MB), max_bytes=2 * MB)

        assert (
            str(error)
            == "Le fichier est trop volumineux (2,1\u00a0Mo)\u00a0; la limite est de 2\u00a0Mo."
        )


def test_the_wrong_kind_refusal_speaks_chinese():
    with translation.override("zh-hans"):
        error = refusal(png_bytes(), kinds=[PDF], name="简历.pdf")

        assert str(error) == "该文件为 PNG 文件。可接受的类型：PDF。"


# Names --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\wang\\Desktop\\cv.pdf", "cv.pdf"),
        ("简历 王芳.pdf", "简历 王芳.pdf"),
        ("简历\u3000王芳.PDF", "简历 王芳.pdf"),
        (unicodedata.normalize("NFD", "CV Hélène.pdf"), "CV Hélène.pdf"),
        ("  my \t  cv  .pdf", "my cv.pdf"),
        ("..hidden.pdf", "hidden.pdf"),
        ("cv\x00.exe\n.pdf", "cv.exe.pdf"),
        ("cv\u202efdp.exe", "cvfdp.pdf"),  # the right-to-left override that hid ".exe"
        ("Dr. Wang CV", "Dr. Wang CV.pdf"),
        ("....pdf", "file.pdf"),
    ],
)
def test_the_name_is_cleaned_and_given_the_detected_extension(given, kept):
    checked = check_upload(upload(ONE_PAGE, "upload.pdf"), kinds=[PDF], name=given)

    assert checked.name == kept
    assert unicodedata.is_normalized("NFC", checked.name)


def test_the_name_defaults_to_the_files_own():
    checked = check_upload(upload(ONE_PAGE, "简历 王芳.pdf"), kinds=[PDF])

    assert checked.name == "简历 王芳.pdf"


def test_a_png_named_pdf_becomes_png_where_images_are_accepted():
    checked = check_upload(upload(png_bytes(), "cv.pdf"), kinds=[PDF, *IMAGES])

    assert (checked.kind, checked.name) == (PNG, "cv.png")


def test_a_long_name_is_shortened_keeping_its_extension():
    checked = check_upload(upload(pdf_bytes(), "长" * 300 + ".pdf"), kinds=[PDF])

    assert checked.name == "长" * 116 + ".pdf"
    assert len(checked.name) == 120


# Saving -------------------------------------------------------------------------------------------


def test_a_checked_upload_is_saved_under_a_random_name_in_the_callers_folder(private_storage):
    content = png_bytes()
    checked = check_upload(upload(content, "../../王芳 cv.pdf"), kinds=[PDF, *IMAGES])

    first = save_checked_upload(checked, folder="applications/12")
    second = save_checked_upload(checked, folder="applications/12")

    assert first.startswith("applications/12/") and first.endswith(".png")
    assert first != second
    # The stored name is random (the token alphabet only), never the visitor's name: a random
    # name may happen to contain "cv", so the test checks its shape, not its letters.
    assert re.fullmatch(r"applications/12/[A-Za-z0-9_-]{24}\.png", first)
    with private_storage.open(first, "rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize("folder", ["../media", "/etc", "", "a\\b"])
def test_saving_outside_private_storage_is_a_programming_error(private_storage, folder):
    checked = check_upload(upload(pdf_bytes()), kinds=[PDF])

    with pytest.raises(ValueError):
        save_checked_upload(checked, folder=folder)


# The form field -----------------------------------------------------------------------------------


class ApplicationDocumentsForm(forms.Form):
    cv = CheckedFileField(kinds=[PDF])
    photo = CheckedFileField(kinds=IMAGES, max_bytes=2 * MB, required=False)


def test_the_form_field_gives_the_checked_upload():
    form = ApplicationDocumentsForm(
        files={
            "cv": SimpleUploadedFile("简历.pdf", pdf_bytes(pages=2), "application/pdf"),
            "photo": SimpleUploadedFile("me.pdf", png_bytes((30, 40)), "application/pdf"),
        }
    )

    assert form.is_valid(), form.errors
    assert (form.cleaned_data["cv"].pages, form.cleaned_data["cv"].name) == (2, "简历.pdf")
    assert (form.cleaned_data["photo"].name, form.cleaned_data["photo"].height) == ("me.png", 40)


def test_the_form_field_shows_the_reason_under_the_field():
    form = ApplicationDocumentsForm(
        files={
            "cv": SimpleUploadedFile("cv.pdf", SVG_WITH_SCRIPT, "application/pdf"),
            "photo": SimpleUploadedFile("me.png", b"", "image/png"),
        }
    )

    assert not form.is_valid()
    assert form.errors["cv"] == ["This file is not of an accepted type. Accepted types: PDF."]
    assert form.errors["photo"] == ["The file is empty. Check it and upload it again."]


def test_the_form_field_refuses_a_large_temporary_upload_by_its_size():
    photo = TemporaryUploadedFile("scan.jpg", "image/jpeg", 0, None)
    photo.file.truncate(3 * MB)
    photo.size = 3 * MB
    form = ApplicationDocumentsForm(
        files={"cv": SimpleUploadedFile("cv.pdf", pdf_bytes()), "photo": photo}
    )

    assert not form.is_valid()
    assert form.errors["photo"] == ["The file is too large (3 MB); the limit is 2 MB."]
    photo.close()


def test_the_form_field_tells_the_browser_what_to_offer():
    html = str(ApplicationDocumentsForm()["photo"])

    assert 'accept="image/jpeg,.jpg,image/png,.png"' in html


def test_an_optional_field_left_empty_is_fine():
    form = ApplicationDocumentsForm(files={"cv": SimpleUploadedFile("cv.pdf", pdf_bytes())})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["photo"] is None
