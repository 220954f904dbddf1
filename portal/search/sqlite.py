"""The SQLite FTS5 backend with Chinese segmented (see portal.search.segmentation)."""

from modelsearch.backends.database.sqlite import sqlite

from portal.search.segmentation import (
    SegmentingQueryCompilerMixin,
    add_items_with_indexer,
    segmenting_indexer,
)


class SegmentingSQLiteIndex(sqlite.SQLiteIndex):
    add_items = add_items_with_indexer(sqlite.SQLiteIndex, segmenting_indexer(sqlite.ObjectIndexer))


class SegmentingSQLiteBackend(sqlite.SQLiteSearchBackend):
    index_class = SegmentingSQLiteIndex

    class query_compiler_class(SegmentingQueryCompilerMixin, sqlite.SQLiteSearchQueryCompiler):
        pass

    class autocomplete_query_compiler_class(
        SegmentingQueryCompilerMixin, sqlite.SQLiteAutocompleteQueryCompiler
    ):
        pass
