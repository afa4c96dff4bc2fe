"""What a patient sees for an FAQ, and the text of a source: oracles for the tests.

Built from ``bot.knowledge``'s public functions; the bot itself sends the
responses ``build()`` renders, so these live with the tests, not in ``bot/``.
"""

from __future__ import annotations

from bot import knowledge


def faq_text(key: str) -> str:
    """The answer, a blank line, the citation line: what ``utter_faq/<key>`` says."""
    entry = knowledge.faq_entry(key)
    return str(entry["answer"]) + knowledge.PARAGRAPH + knowledge.citation(entry["sources"])


def source_text(source_id: str) -> str | None:
    """The text of a source (None when no text is stored or the file is missing)."""
    path = knowledge.source_file(source_id)
    if path is None or not path.is_file():
        return None
    return path.read_text(encoding="utf-8")
