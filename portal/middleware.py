from django.middleware.locale import LocaleMiddleware


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus one redirect.

    On a 404 it redirects /x/ to /<lang>/x/ when that path resolves, and Wagtail's catch-all
    page route makes every path resolve: a missing admin page, private file or certificate code
    would bounce to the public site. Paths outside i18n_patterns keep their own 404.
    """

    UNPREFIXED = (
        "/accounts/",
        "/admin/",
        "/documents/",
        "/private/",
        "/verify/",
        "/healthz",
        "/seminars/",
    )

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(self.UNPREFIXED):
            return response
        return super().process_response(request, response)
