"""Every component id of the presentation, in one place (tests, callbacks and the JS use them)."""

from enum import StrEnum


class PresentationIds(StrEnum):
    """Component ids; ``assets/31-presentation.js`` reads them from ``window.erbmIds`` (see clientids)."""

    ROOT = "presentation"
    URL = "presentation-url"
    MESSAGE = "presentation-message"
    DECK = "presentation-deck"
    """Store: per chapter, what the browser and the map callback need (title, map, layers)."""
    TARGET = "presentation-target"
    """Store: a chapter asked for by the URL or a key (Home/End), as ``{"chapter": index}``."""
    CHAPTER = "presentation-chapter"
    """Store: the 0-based index of the chapter shown."""
    TITLE = "chapter-title"
    PROGRESS = "chapter-progress"
    BODY = "presentation-body"
    PREV = "chapter-prev"
    NEXT = "chapter-next"
    FULLSCREEN = "presentation-fullscreen"
    EXIT = "presentation-exit"


#: The ``type`` of the pattern-matching id of each chapter's section.
CHAPTER_TYPE = "presentation-chapter-body"
