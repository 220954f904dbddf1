"""Admin bulk actions that call a workflow service once per selected row (DESIGN §4).

Wagtail's BulkAction runs the whole action inside one transaction.atomic(): every lock a
service takes would then be held until the last row is done, and an error at row 30 would roll
back the 29 rows already done (their emails included). Here each row is its own transaction,
committed before the next row starts, so no request holds more than one row's locks; the
project runs without ATOMIC_REQUESTS, so nothing wraps the loop either.

A refusal by the rules (DomainError) is collected and reported with the others, so one row in
the wrong state never stops the rest: "3 approved; 1 could not be: <reason> (Wang Fang)". Any
other exception is a bug: it surfaces as a 500 (and is logged), after the rows already
committed.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_list_or_404, redirect
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction

from portal.workflow import DomainError

NAMES_SHOWN = 5  # per reason, in the failure summary


class ServiceBulkAction(BulkAction):
    """Call `service(obj, by=request.user, **service_kwargs(obj))` for each selected row.

    Subclasses set `service` (a function, as `service = staticmethod(services.approve_x)` or
    plainly: it is always read from the class, so it is never bound to the view), `done_message`
    (ngettext_lazy(…, "count"): "%(count)d approved") and `required_permission`; they may
    override `row_label` (how a row is named in the failure summary), `check_perm` (which rows
    this user may act on: the others are listed as out of reach and left alone),
    `base_queryset` and `service_kwargs`. A form_class with fields shows them on the
    confirmation page; its answers are in `self.cleaned_form`.
    """

    template_name = "portal/admin/bulk_confirm.html"  # an app's extends it (see its comment)
    header_icon = "form"
    service = None
    done_message = ""
    required_permission = ""  # "app.codename", checked before anything is shown or done

    def dispatch(self, request, *args, **kwargs):
        if self.required_permission and not request.user.has_perm(self.required_permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def base_queryset(cls, model):
        return model._default_manager.all()

    @classmethod
    def get_queryset(cls, model, object_ids):
        if not isinstance(object_ids, QuerySet):  # ids from the URL; "all" arrives as a query
            object_ids = [pk for pk in map(str, object_ids) if pk.isdigit()]
        return get_list_or_404(cls.base_queryset(model).order_by("pk"), pk__in=object_ids)

    def row_label(self, obj):
        return str(obj)

    def service_kwargs(self, obj):
        """Arguments for the service besides the row and `by` (e.g. the confirmation form's)."""
        return {}

    def apply(self, objects):
        """Run the service on each row, each in its own transaction; returns (done, refused)."""
        service = type(self).service
        self.failures = []
        for obj in objects:
            try:
                with transaction.atomic():
                    service(obj, by=self.request.user, **self.service_kwargs(obj))
            except DomainError as error:
                self.failures.append((self.row_label(obj), str(error)))
        return len(objects) - len(self.failures), len(self.failures)

    @classmethod
    def execute_action(cls, objects, action=None, **kwargs):
        return action.apply(objects)

    def get_execution_context(self):
        return {"action": self}

    def form_valid(self, form):
        """Wagtail's form_valid without its transaction around the whole action (see above)."""
        self.cleaned_form = form
        objects, objects_without_access = self.get_actionable_objects()
        self.actionable_objects = self.annotate_items(objects)
        response = self.prepare_action(objects, objects_without_access)
        if hasattr(response, "status_code"):
            return response
        response = self._run_hooks("before_bulk_action", objects)
        if response is not None:
            return response
        done, refused = self.execute_action(objects, **self.get_execution_context())
        response = self._run_hooks("after_bulk_action", objects)
        if response is not None:
            return response
        message = self.get_success_message(done, refused)
        if message is not None:
            messages.success(self.request, message)
        return redirect(self.next_url)

    def _run_hooks(self, name, objects):
        for hook in hooks.get_hooks(name):
            result = hook(self.request, self.action_type, objects, self)
            if hasattr(result, "status_code"):
                return result
        return None

    def get_success_message(self, num_parent_objects, num_child_objects):
        text = self.done_message % {"count": num_parent_objects}
        if not self.failures:
            return text
        messages.warning(self.request, f"{text}; {failure_summary(self.failures)}")
        return None


def failure_summary(failures):
    """'2 could not be: <reason> (Wang Fang, Hélène Dupré); <reason> (…)' from (label, reason)
    pairs; at most NAMES_SHOWN names per reason."""
    labels_by_reason = {}
    for label, reason in failures:
        labels_by_reason.setdefault(reason, []).append(str(label))
    reasons = "; ".join(
        f"{reason} ({', '.join(labels[:NAMES_SHOWN])}{', …' if len(labels) > NAMES_SHOWN else ''})"
        for reason, labels in labels_by_reason.items()
    )
    count = len(failures)
    return ngettext(
        "%(count)d could not be: %(reasons)s", "%(count)d could not be: %(reasons)s", count
    ) % {"count": count, "reasons": reasons}
