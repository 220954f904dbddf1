"""Translatable snippets shared by every app: institutions, departments, people, site settings."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from home.blocks import SocialLinkBlock


class Institution(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner_position = models.PositiveSmallIntegerField(
        _("partner position"),
        null=True,
        blank=True,
        choices=[(1, _("First partner (left)")), (2, _("Second partner (right)"))],
        help_text=_(
            "The two partner hospitals issue certificates and letters; this places the "
            "institution's name and signatory on them."
        ),
    )
    signatory = models.CharField(
        _("signatory"),
        max_length=200,
        blank=True,
        help_text=_("Name and title of the head who signs, e.g. Prof. Li Ming, President"),
    )

    panels = [
        "name",
        "short_name",
        "city",
        "country",
        "website",
        "logo",
        "partner_position",
        "signatory",
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Department(TranslatableMixin, index.Indexed, models.Model):
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="departments",
    )
    name = models.CharField(_("name"), max_length=200)

    panels = ["institution", "name"]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["institution__name", "name"]

    def __str__(self):
        return f"{self.name} · {self.institution}"


class Person(TranslatableMixin, index.Indexed, models.Model):
    """Speakers, chairs, supervisors and reviewers: people shown on the site."""

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("e.g. Professor, head of department")
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short biography"), blank=True)

    panels = ["name", "title", "institution", "department", "photo", "bio"]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SiteSettings(TranslatableMixin, models.Model):
    """Contact details and footer, one per language (translated with the other snippets)."""

    telephone = models.CharField(_("telephone"), max_length=40, blank=True)
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    footer_text = models.TextField(_("footer text"), blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], blank=True, verbose_name=_("social links")
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from every registration and application form, and from the footer."),
    )

    panels = [
        FieldPanel("telephone"),
        FieldPanel("fax"),
        FieldPanel("email"),
        FieldPanel("postal_address"),
        FieldPanel("footer_text"),
        FieldPanel("social_links"),
        FieldPanel("privacy_page"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings (%(language)s)") % {"language": self.locale.get_display_name()})

    @classmethod
    def for_active_language(cls):
        """The settings in the visitor's language, else the default language's, else None."""
        rows = {
            row.locale.language_code: row
            for row in cls.objects.select_related("locale", "privacy_page")
        }
        return (
            rows.get(get_supported_content_language_variant(get_language()))
            or rows.get(settings.LANGUAGE_CODE)
            or next(iter(rows.values()), None)
        )
