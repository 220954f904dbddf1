"""The PostgreSQL tsvector backend with Chinese segmented (see portal.search.segmentation)."""

from modelsearch.backends.database.postgres import postgres

from portal.search.segmentation import (
    SegmentingQueryCompilerMixin,
    add_items_with_indexer,
    segmenting_indexer,
)


class SegmentingPostgresIndex(postgres.PostgresIndex):
    add_items = add_items_with_indexer(
        postgres.PostgresIndex, segmenting_indexer(postgres.ObjectIndexer)
    )


class SegmentingPostgresBackend(postgres.PostgresSearchBackend):
    index_class = SegmentingPostgresIndex

    class query_compiler_class(SegmentingQueryCompilerMixin, postgres.PostgresSearchQueryCompiler):
        pass

    class autocomplete_query_compiler_class(
        SegmentingQueryCompilerMixin, postgres.PostgresAutocompleteQueryCompiler
    ):
        pass
