"""Chinese word segmentation for the database search backends.

Both databases split text into tokens at spaces and punctuation. Chinese has no spaces, so a
whole sentence (or "2026年中法MDT研讨会", Latin and all) would be one token that only the same
sentence matches. Here every run of Chinese characters is stored as the words jieba finds in
it (search mode, so 长沙市 is also stored as 长沙), followed by its characters one by one. At
query time each Chinese word matches either as a word or as its characters in a row, so a
word is found even where jieba cut the page's text differently around it. Latin-script text
and queries pass through untouched.
"""

import copy
import logging
import re
import types

import jieba
from modelsearch.query import MATCH_NONE, And, Or, Phrase, PlainText

jieba.setLogLevel(logging.WARNING)  # it announces loading its dictionary on every start

# CJK unified ideographs (with extension A and the supplementary planes) and compatibility ones.
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
WORDY = re.compile(r"\w")
# Characters the FTS5 query syntax gives a meaning to inside a quoted term.
QUERY_SYNTAX = re.compile(r'["\x00]')
MAX_QUERY_WORDS = 16


def segment_for_index(text):
    """`text` with each Chinese run replaced by its words, then its characters, spaced."""

    def words_and_characters(match):
        run = match.group()
        words = [word for word in jieba.cut_for_search(run) if word.strip()]
        return f" {' '.join(words)} {' '.join(run)} "

    return CJK_RUN.sub(words_and_characters, text)


def segment_query(query):
    """The search query `query` (a tree) with its Chinese split into words that match either
    as words or as characters in a row; MATCH_NONE when nothing searchable is left."""
    if isinstance(query, PlainText):
        return _segment_plain_text(query)
    if isinstance(query, Phrase):
        text = QUERY_SYNTAX.sub(" ", query.query_string)
        return Phrase(CJK_RUN.sub(lambda run: f" {' '.join(run.group())} ", text))
    if isinstance(query, (And, Or)):
        return _segment_combination(query)
    if hasattr(query, "subquery"):  # Not, Boost
        query = copy.copy(query)
        query.subquery = segment_query(query.subquery)
    return query


def _segment_combination(query):
    """And/Or of segmented parts. A part left with nothing to search (punctuation only)
    matches nothing: it empties an And and drops out of an Or (the SQLite backend would
    read a negated MATCH_ALL inside an Or as "match everything")."""
    parts = [segment_query(subquery) for subquery in query.subqueries]
    searchable = [part for part in parts if part is not MATCH_NONE]
    if not searchable or (isinstance(query, And) and len(searchable) < len(parts)):
        return MATCH_NONE
    query = copy.copy(query)
    query.subqueries = searchable
    return query


def _segment_plain_text(query):
    text = QUERY_SYNTAX.sub(" ", query.query_string)
    words = [word for run in CJK_RUN.findall(text) for word in jieba.cut(run) if word.strip()]
    # Each word costs two matches and two ranks per row: repeats add nothing, and a pasted
    # paragraph is searched by its first words.
    parts = [_chinese_word(word) for word in list(dict.fromkeys(words))[:MAX_QUERY_WORDS]]
    rest = CJK_RUN.sub(" ", text)
    if WORDY.search(rest):
        parts.insert(0, PlainText(rest, operator=query.operator, boost=query.boost))
    if not parts:
        return MATCH_NONE
    if len(parts) == 1:
        return parts[0]
    return And(parts) if query.operator == "and" else Or(parts)


def _chinese_word(word):
    if len(word) == 1:
        return PlainText(word)
    return Or([PlainText(word), Phrase(" ".join(word))])


class SegmentingQueryCompilerMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.query = segment_query(self.query)


def segmenting_indexer(indexer_class):
    """A subclass of a backend's ObjectIndexer whose prepared values are segmented."""

    class SegmentingObjectIndexer(indexer_class):
        def prepare_field(self, obj, field):
            # Each backend yields (field, [weight,] value): the value is always last.
            for *head, value in super().prepare_field(obj, field):
                yield (*head, segment_for_index(value))

    return SegmentingObjectIndexer


def add_items_with_indexer(index_class, indexer_class):
    """`index_class.add_items`, reading its values through `indexer_class`.

    The stock add_items builds its rows with its module's ObjectIndexer and has no hook to
    choose another; a copy of the function bound to a namespace naming ours is the smallest
    change, and leaves the stock backend itself untouched.
    """
    add_items = index_class.add_items
    namespace = {**add_items.__globals__, "ObjectIndexer": indexer_class}
    return types.FunctionType(
        add_items.__code__, namespace, add_items.__name__, add_items.__defaults__
    )
