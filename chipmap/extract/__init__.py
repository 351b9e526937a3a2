"""Extract: article text to people, organisations, places, events and relations."""

from chipmap.extract.extractor import ExtractionFailed, Extractor, Outcome, read_doc

__all__ = ["ExtractionFailed", "Extractor", "Outcome", "read_doc"]
