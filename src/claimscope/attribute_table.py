"""The pipeline's attribute rules (part of speech, morphology and lemma exceptions by tag and
word) applied through a table keyed by each token's attributes instead of spaCy's matcher.

spaCy's ``attribute_ruler`` runs its matcher over every token for all of its patterns (179 in
the small English pipeline) and sets the attributes of each match in rule order: about a tenth
of the whole parse. Nearly all of those patterns look at one token's tag, lowercase form,
dependency label or spacing only, so the attributes they give a token follow from those values
alone: the table works them out once per distinct combination and reuses them. Any other
pattern (several tokens, other operators) still goes through a matcher of its own, and its
attributes are applied in the same rule order, so every token ends with exactly the attributes
the ruler would give it.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

NAME = "claimscope_attribute_table"
STOCK = "attribute_ruler"  # the component the table stands in for
# token attributes a one-token pattern may test and the table can key on
KEYS = ("TAG", "LOWER", "ORTH", "DEP", "POS", "IS_SPACE", "IS_PUNCT", "IS_DIGIT")

OTHER = -1  # a value no pattern names (hashes and flags are never negative)
Rule = tuple[int, dict[int, Any]]  # (rule number, attributes to set)
Test = tuple[set[int], bool]  # (the values a pattern names, whether it excludes them)


class AttributeTable:
    """An ``AttributeRuler``'s rules, applied with the same results."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.rest = Matcher(ruler.vocab)
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        # per rule: its one-token tests, one dict per pattern
        self.single: list[tuple[int, list[dict[str, Test]]]] = []
        for number in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(number))
            tests = [_tests(pattern, strings) for pattern in patterns]
            if all(test is not None for test in tests):
                self.single.append((number, [t for t in tests if t is not None]))
            else:
                self.rest.add(str(number), patterns)
        self.keys = sorted({key for _, tests in self.single for test in tests for key in test})
        self.columns = [IDS[key] for key in self.keys]
        # the values some pattern names, per key: any other value is read as OTHER, so the
        # table holds one entry per combination of named values (bounded, whatever the text)
        self.named = [
            set().union(
                *(test[key][0] for _, tests in self.single for test in tests if key in test)
            )
            for key in self.keys
        ]
        self.known: dict[tuple[int, ...], tuple[list[Rule], dict[int, Any]]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        extra = self._rest(doc)
        rows = doc.to_array(self.columns) if self.columns else np.zeros((len(doc), 0), "uint64")
        if rows.ndim == 1:
            rows = rows.reshape(-1, 1)
        named, known = self.named, self.known
        for i, row in enumerate(rows.tolist()):
            key = tuple(v if v in n else OTHER for v, n in zip(row, named, strict=True))
            entry = known.get(key)
            if entry is None:
                entry = known[key] = self._entry(key)
            rules, attrs = entry
            more = extra.get(i)
            if more:
                attrs = _merged(sorted(rules + more, key=lambda rule: rule[0]))
            if attrs:
                set_token_attrs(doc[i], attrs)
        return doc

    def _entry(self, key: tuple[int, ...]) -> tuple[list[Rule], dict[int, Any]]:
        """The one-token rules that match a token with these values, and what they set."""
        values = dict(zip(self.keys, key, strict=True))
        rules = [
            (number, self.attrs[number])
            for number, tests in self.single
            if any(all((values[k] in vs) != out for k, (vs, out) in t.items()) for t in tests)
        ]
        return rules, _merged(rules)

    def _rest(self, doc: Doc) -> dict[int, list[Rule]]:
        """The rules of the patterns outside the table, by the token they set."""
        found: dict[int, list[Rule]] = {}
        if not len(self.rest):
            return found
        strings = doc.vocab.strings
        for match_id, start, end in self.rest(doc, allow_missing=True):
            number = int(strings[match_id])
            token = doc[start:end][self.indices[number]]
            found.setdefault(token.i, []).append((number, self.attrs[number]))
        return found


def _merged(rules: list[Rule]) -> dict[int, Any]:
    """The attributes a token ends with when the rules are applied in this order."""
    merged: dict[int, Any] = {}
    for _, attrs in rules:
        merged.update(attrs)
    return merged


def _tests(pattern: list[dict[str, Any]], strings: Any) -> dict[str, Test] | None:
    """A one-token pattern's tests by key: the values named (string hashes, or 0/1 for flags)
    and whether they are excluded (NOT_IN); None when the table cannot key on the pattern."""
    if len(pattern) != 1:
        return None
    tests: dict[str, Test] = {}
    for key, value in pattern[0].items():
        key = key.upper()
        if key not in KEYS:
            return None
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN"):
                return None
            values, out = list(next(iter(value.values()))), "NOT_IN" in value
        else:
            values, out = [value], False
        flag = key.startswith("IS_")
        if not all(isinstance(v, bool if flag else str) for v in values):
            return None
        tests[key] = ({int(v) for v in values} if flag else {strings.add(v) for v in values}, out)
    return tests


def accepts(component: object) -> bool:
    """Whether the table can stand in for this component: a stock attribute ruler."""
    return isinstance(component, AttributeRuler)


@Language.factory(NAME)
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    """The table for the pipeline's own attribute ruler (see ``accepts``)."""
    return AttributeTable(cast(AttributeRuler, nlp.get_pipe(STOCK)))
