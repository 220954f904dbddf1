"""Site search that finds Chinese words: Wagtail's database backend (SQLite FTS5 or PostgreSQL
tsvector) with Chinese segmented into words before it is indexed and before it is looked up
(portal.search.segmentation says how).

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.search"}}; rebuild with update_index.
"""

from django.db import connection
from modelsearch.backends import database


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    """The database backend Wagtail would choose for this database, segmenting where it has
    a full-text index; the LIKE fallback (no FTS5, MySQL) already matches inside Chinese."""
    stock = database.SearchBackend(params)
    # Each vendor's module reads its own index models at import: import only the one in use.
    if connection.vendor == "postgresql":
        from portal.search.postgres import SegmentingPostgresBackend

        return SegmentingPostgresBackend(params)
    if connection.vendor == "sqlite" and database.USE_SQLITE_FTS:
        from portal.search.sqlite import SegmentingSQLiteBackend

        return SegmentingSQLiteBackend(params)
    return stock
