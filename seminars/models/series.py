from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin


class SeminarSeries(TranslatableMixin, models.Model):
    """A recurring seminar, e.g. the yearly Sino-France Mastopathy Day or the monthly online MDT."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = ["name", "description"]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("seminar series")
        verbose_name_plural = _("seminar series")
        ordering = ["name"]

    def __str__(self):
        return self.name
