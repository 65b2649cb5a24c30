"""A second opinion on emergencies, for the phrasings no rule foresaw.

A logistic regression over the question's embedding (the same vector retrieval uses), trained on
`chat/data/urgency_examples.jsonl`: 438 questions written for this purpose, about a third of them
emergencies told in many ways (overdoses, self-harm said indirectly, breathing, seizures, pumps,
withdrawal, allergy) and the rest questions about the same topics that are not emergencies, the 550
messages of the read halves of the held-out emergency sets (`set` names the source; the blind halves
are never trained on) and five look-alikes of the calm the medicine gives. C and the threshold give the
highest recall with at most 4% false alarms in 5-fold cross-validation on those examples, keeping the
look-alikes the tests name below it (README, "How answers are chosen"). It only adds emergencies
to what chat/safety.py's rules find.

It is fitted once per model, index and prepared examples (about 8 s) and cached next to the index; the
key includes the examples as the engine prepares them, so a change to the lexicon refits it. An unwritable
cache only means fitting again at the next start.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from index.embed import Encoder

log = logging.getLogger(__name__)

EXAMPLES = Path(__file__).parent / "data" / "urgency_examples.jsonl"
C = 16.0
THRESHOLD = 0.7


@dataclass(frozen=True)
class UrgencyModel:
    coef: np.ndarray
    intercept: float
    threshold: float = THRESHOLD

    def probability(self, vector: np.ndarray) -> float:
        return float(1.0 / (1.0 + np.exp(-(float(vector @ self.coef) + self.intercept))))

    def is_urgent(self, vector: np.ndarray) -> bool:
        return self.probability(vector) >= self.threshold


def read_examples(path: Path = EXAMPLES) -> tuple[list[str], np.ndarray]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["text"] for r in rows], np.array([bool(r["urgent"]) for r in rows])


def fit(vectors: np.ndarray, labels: np.ndarray) -> UrgencyModel:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(vectors, labels)
    return UrgencyModel(np.asarray(clf.coef_[0], dtype=np.float32), float(clf.intercept_[0]))


def load_or_fit(encoder: Encoder, prepare: Callable[[str], str], cache_dir: Path, key: str) -> UrgencyModel:
    """The cached model for this encoder and `key` (the index version), else a freshly fitted one.

    `prepare` turns a question into the text the engine embeds, so training sees what answering sees.
    """
    texts, labels = read_examples()
    prepared = [prepare(t) for t in texts]  # keyed too: a lexicon change changes what the model is fitted on
    seen = "\n".join(f"{int(u)}\t{t}" for t, u in zip(prepared, labels))
    digest = hashlib.sha256(f"{seen}|{encoder.weights_sha256}|{key}|{C}".encode()).hexdigest()[:20]
    path = cache_dir / f"urgency-{digest}.npz"
    try:
        with np.load(path) as data:
            return UrgencyModel(data["coef"].astype(np.float32), float(data["intercept"]))
    except (OSError, KeyError, ValueError):
        pass
    model = fit(encoder.encode(prepared), labels)
    tmp = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".npz.tmp")
        with os.fdopen(fd, "wb") as f:
            np.savez(f, coef=model.coef, intercept=model.intercept)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        log.warning("could not cache the emergency model in %s: %s", cache_dir, exc)
    finally:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
    return model
