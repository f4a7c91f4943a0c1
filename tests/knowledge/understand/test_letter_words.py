"""One-word-a-line tables (`knowledge.understand.letter_words`, used by who_verbs and role_words)."""

from __future__ import annotations

import pytest

from core.vocab import VocabError
from knowledge.understand.letter_words import parse_letter_words


def test_words_are_folded_and_notes_ignored() -> None:
    text = "# ord<TAB>anteckning\n\nAnsvarar\tverb\nhåller\n"
    assert parse_letter_words(text, "t.tsv", "'ordform<TAB>anteckning'") == {"ansvarar", "haller"}


def test_a_word_with_other_than_letters_names_file_and_line() -> None:
    with pytest.raises(VocabError, match=r"^t.tsv rad 2: väntade 'ordform<TAB>anteckning', fick 'två ord'$"):
        parse_letter_words("ansvarar\ntvå ord\n", "t.tsv", "'ordform<TAB>anteckning'")
