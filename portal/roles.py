"""The staff roles of DESIGN §2 as Django groups: the one place that says who may do what.

Each role lists model permissions as "app_label.codename". Migrations apply this table with
`apply_roles` (data migration), so a fresh database and an old one end up with the same groups.
A permission whose model does not exist yet at that point in the migration graph is skipped:
a later app adds its permissions here and ships a migration (after its models) that calls
apply_roles again, so every database converges on this table.
"""

from django.utils.translation import gettext_lazy as _

SNIPPETS = (
    "home.institution",
    "home.department",
    "home.person",
    "home.sitesettings",
    "seminars.seminarseries",
)
IMAGES_AND_DOCUMENTS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)


def _crud(*models, actions=("add", "change", "delete", "view")):
    perms = []
    for model in models:
        app_label, name = model.split(".")
        perms += [f"{app_label}.{action}_{name}" for action in actions]
    return tuple(perms)


ADMIN_ACCESS = ("wagtailadmin.access_admin",)
TRANSLATE = ("wagtail_localize.submit_translation",)

ROLES = {
    # Wagtail creates Editors and Moderators with page permissions on the root; we add the rest.
    "Editors": {
        "label": _("Editors"),
        "permissions": ADMIN_ACCESS + TRANSLATE + IMAGES_AND_DOCUMENTS + _crud(*SNIPPETS),
        "page_permissions": ("add_page", "change_page"),
    },
    "Moderators": {
        "label": _("Moderators"),
        "permissions": ADMIN_ACCESS
        + TRANSLATE
        + IMAGES_AND_DOCUMENTS
        + _crud(*SNIPPETS)
        + ("wagtailimages.delete_image", "wagtaildocs.delete_document")
        + _crud("portal.outboundemail", actions=("view",)),
        "page_permissions": ("add_page", "change_page", "publish_page", "lock_page"),
    },
    "Seminar organisers": {
        "label": _("Seminar organisers"),
        "permissions": ADMIN_ACCESS
        + _crud("portal.outboundemail", actions=("view",))
        + _crud("seminars.registration", actions=("view", "change"))
        + _crud("portal.issueddocument", actions=("view", "change"))
        + _crud("seminars.seminarseries"),
        "page_permissions": (),
    },
    "Programme coordinators": {
        "label": _("Programme coordinators"),
        "permissions": ADMIN_ACCESS
        + _crud("portal.outboundemail", actions=("view",))
        + _crud("exchange.referee", actions=("view",))
        + _crud("exchange.application", "exchange.review", actions=("view", "change"))
        + _crud("portal.issueddocument", actions=("view", "change")),
        "page_permissions": (),
    },
    # Reviewers hold no permission on applications: they reach their own assignments only,
    # through views that select by assignment, never through the coordinators' listing.
    "Reviewers": {
        "label": _("Reviewers"),
        "permissions": ADMIN_ACCESS,
        "page_permissions": (),
    },
}


def apply_roles(apps, schema_editor=None):
    """Create every role group and grant exactly the permissions listed (data migration body)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, role in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        for dotted in role["permissions"]:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        _grant_root_page_permissions(apps, group, role["page_permissions"])


def _grant_root_page_permissions(apps, group, codenames):
    if not codenames:
        return
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Permission = apps.get_model("auth", "Permission")
    root = Page.objects.filter(depth=1).first()
    for codename in codenames:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


# The roles whose members see attendees' or applicants' personal data: they sign in with MFA
# (DESIGN §5 "Staff sign in with MFA"), as do superusers, who see everything.
PERSONAL_DATA_ROLES = ("Moderators", "Seminar organisers", "Programme coordinators", "Reviewers")


def must_use_mfa(user):
    """Whether this account may reach the admin only once it has a second factor."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=PERSONAL_DATA_ROLES).exists()
