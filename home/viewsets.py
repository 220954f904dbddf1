from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Department, Institution, Person, SiteSettings


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "home"
    list_display = ["name", "city", "country", "locale"]
    list_filter = ["country"]
    search_fields = ["name"]


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    list_display = ["name", "institution", "locale"]
    list_filter = ["institution"]
    search_fields = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "title", "institution", "locale"]
    list_filter = ["institution"]
    search_fields = ["name"]


class SiteSettingsViewSet(SnippetViewSet):
    model = SiteSettings
    icon = "cog"
    list_display = ["__str__", "telephone", "email", "locale"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "site"
    menu_order = 300
    items = (InstitutionViewSet, DepartmentViewSet, PersonViewSet, SiteSettingsViewSet)
