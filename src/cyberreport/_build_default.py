"""Build the default model: ``python -m cyberreport._build_default models/default``.

Trains :class:`~cyberreport.ThemeClassifier` with its default parameters and seed on the
bundled labelled sets and on texts outside 网信 work (the bundled off-domain paragraphs,
and, when ``../shared/datasets`` is there, training headlines of NLPCC 2017 and TNEWS —
never their test parts), measures it on every genre (corpus leave-one-province-out and
real-style cross-validation with everything else in training; the held-out sets once),
and writes the model folder with its ``MODEL_CARD.md``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._default_data import datasets_dir, training_data

def train_default(root: Path | None = None):
    """The default model, trained on :func:`training_data` with the default seed."""
    from .classifier import ThemeClassifier

    items, y, sources = training_data(root if root is not None else datasets_dir())
    model = ThemeClassifier().fit(items, y)
    return model, sources


def bundled_eval():
    """The held-out evaluation paragraphs shipped with the package (``data/eval/``)."""
    from .corpus import load_corpus

    return load_corpus(bundled="eval")


def main(argv=None) -> int:
    from ._build_card import measure, model_card
    from .persistence import save_model

    parser = argparse.ArgumentParser(prog="python -m cyberreport._build_default")
    parser.add_argument("out", type=Path, help="model folder to write (models/default)")
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument("--no-cv", action="store_true",
                        help="skip the cross-validations (faster; the card says so)")
    args = parser.parse_args(argv)
    root = datasets_dir()
    model, sources = train_default(root)
    print(f"trained on {sum(sources.values())} texts: {sources}", flush=True)
    figures = measure(model, root, cv=not args.no_cv, n_jobs=args.n_jobs)
    metrics = {"training": sources, "by_genre": figures}
    save_model(model, args.out, metrics=metrics, model_card=model_card(model, sources, figures))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
