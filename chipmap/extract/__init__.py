"""Extract: article text to people, organisations, places, events and relations."""

from chipmap.extract.extractor import EXTRACTOR_VERSION, Extractor, read_doc

__all__ = ["EXTRACTOR_VERSION", "Extractor", "read_doc"]
