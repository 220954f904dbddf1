from django.conf import settings
from django.core.management.base import BaseCommand

from home import demo


class Command(BaseCommand):
    help = "Load the demo pages, snippets and translations (idempotent) and print a login."

    def add_arguments(self, parser):
        parser.add_argument("--no-accounts", action="store_true", help="Create no demo logins.")

    def handle(self, *args, **options):
        # Accounts first: the demo's organiser actions are recorded in the administrator's name.
        password = None if options["no_accounts"] else demo.ensure_accounts()
        if demo.load_demo_content():
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        else:
            self.stdout.write("Demo content already present: existing data kept.")
        if password is None:
            return
        site = settings.WAGTAILADMIN_BASE_URL
        self.stdout.write(
            "\n"
            f"  Site:   {site}/\n"
            f"  Admin:  {site}/admin/\n"
            f"  Login:  {demo.ADMIN_EMAIL} (superuser), {demo.EDITOR_EMAIL} (editor)\n"
            f"          or {demo.ORGANISER_EMAIL} (seminar organiser)\n"
            + "".join(f"          or {email} ({role})\n" for email, role in demo.app_logins())
            + f"  Password: {password}   (kept in {settings.VAR_DIR / 'demo-login.txt'})\n"
        )
