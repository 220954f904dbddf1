"""What the portal's page types share."""


class FilteredIndexMixin:
    """An index page whose context holds a `filterset` (django-filter): filters (or a page
    number) that do not validate are shown with their errors, answered as a 400."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if response.context_data["filterset"].errors:
            response.status_code = 400
        return response
