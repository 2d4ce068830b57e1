"""Units printed alike in many documents: a publisher's licence, newsletter and contact text, a template's footer.

Every Ofsted report ends with the same paragraphs ("You may reuse this information … under the terms of the Open
Government Licence", "You can subscribe to our monthly newsletter …"). A vague question ("redcar ofsted 2022
overall") matches them as well as anything, and they answer nothing, so the selector never offers them
(``assistant.selection``); the passages keep them, so every sentence stays findable.

A unit is boilerplate when the same text (``ingest.units.unit_key``) is in at least ``REPEATED_IN`` documents that
are not versions of one another: documents sharing at least ``SAME_DOCUMENT`` of their units count once, so three
drafts of one procedure keep their text. A judgement table's row, its header and a labelled field are never
boilerplate (their key is 0): "Overall effectiveness Good" is a finding of each report that prints it.
"""

from __future__ import annotations

import numpy as np

REPEATED_IN = 3
SAME_DOCUMENT = 0.5  # Jaccard similarity of two documents' sets of units at which they count as one


def boilerplate_rows(keys: np.ndarray, documents: np.ndarray) -> np.ndarray:
    """Sorted rows whose unit is boilerplate, given each row's unit key and document (-1: unknown)."""
    known = (keys != 0) & (documents >= 0)
    if not known.any():
        return np.zeros(0, dtype=np.int64)
    pairs = np.unique(np.stack([keys[known], documents[known]]), axis=1)  # distinct (key, document), by key
    values, first, counts = np.unique(pairs[0], return_index=True, return_counts=True)
    wide = counts >= REPEATED_IN
    if not wide.any():
        return np.zeros(0, dtype=np.int64)
    involved = np.unique(np.concatenate([pairs[1, a : a + n] for a, n in zip(first[wide], counts[wide])]))
    held, by = keys[known], documents[known]
    order = np.argsort(by, kind="stable")
    starts, ends = np.searchsorted(by[order], involved), np.searchsorted(by[order], involved, side="right")
    units = {int(d): set(held[order[s:e]].tolist()) for d, s, e in zip(involved, starts, ends)}
    same: dict[tuple[int, int], bool] = {}

    def one_document(a: int, b: int) -> bool:
        if (a, b) not in same:
            shared = len(units[a] & units[b])
            same[(a, b)] = shared >= SAME_DOCUMENT * (len(units[a]) + len(units[b]) - shared)
        return same[(a, b)]

    printed: list[int] = []
    for value, a, n in zip(values[wide], first[wide], counts[wide]):
        distinct: list[int] = []
        for document in (int(d) for d in pairs[1, a : a + n]):
            if not any(one_document(document, other) for other in distinct):
                distinct.append(document)
                if len(distinct) == REPEATED_IN:
                    printed.append(int(value))
                    break
    return np.flatnonzero(np.isin(keys, printed)).astype(np.int64)
