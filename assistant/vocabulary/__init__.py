"""Practitioner vocabulary as data: the lexicon, and matching it in questions."""

from assistant.vocabulary.matching import (TermMatch, expand, find_terms, is_term, spell_out, spelled_stems,
                                           with_expansions)

__all__ = ["TermMatch", "expand", "find_terms", "is_term", "spell_out", "spelled_stems", "with_expansions"]
