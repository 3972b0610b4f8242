"""Build the default model: ``python -m cyberreport._build_default models/default``.

Trains :class:`~cyberreport.ThemeClassifier` with its default parameters and seed on the
bundled corpus, cross-validates it (leave one province out, with both baselines),
evaluates it once on the held-out texts of ``data/eval/``, and writes the model
directory with its ``MODEL_CARD.md``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def train_default():
    """The default model, trained on the bundled corpus with the default seed."""
    from .classifier import ThemeClassifier
    from .corpus import load_corpus

    return ThemeClassifier().fit(load_corpus())


def bundled_eval():
    """The held-out evaluation paragraphs shipped with the package (``data/eval/``)."""
    from .corpus import load_corpus

    return load_corpus(bundled="eval")


def _table(metrics: dict, classes) -> list[str]:
    rows = ["| theme | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for c in classes:
        m = metrics["per_label"][c]
        rows.append(
            f"| `{c}` | {m['precision']:.2f} | {m['recall']:.2f} | {m['f1']:.2f} | {m['support']} |"
        )
    return rows


def model_card(model, report, held_out: dict | None) -> str:
    from ._about import __version__
    from .taxonomy import TAXONOMY_VERSION

    s = report.summary()
    lines = [
        "# Default theme model — model card",
        "",
        f"cyberreport {__version__}, taxonomy version {TAXONOMY_VERSION}. Built by "
        "`python -m cyberreport._build_default models/default`.",
        "",
        "## Data",
        "The 29 paragraphs of the bundled corpus (`data/provincial_reports_2016.jsonl`, one per "
        "province, 2016 annual work summaries; 90 sentences labelled by hand with the 13 themes "
        "of the taxonomy — see `data/README.md`). The theme lexicon "
        "(`cyberreport/resources/theme_lexicon.json`) and the taxonomy's cue words and "
        "definitions enter as prior knowledge. No other data; nothing from `data/eval/`.",
        "",
        "## Method",
        "One logistic regression per theme over sentence features: character 1–3-grams and "
        "domain-tokenizer words (TF-IDF, L2-normalised per block) and a theme-lexicon hit "
        "count per theme. Trained on the labelled sentences plus short, down-weighted "
        "examples from the lexicon and the taxonomy. A text's probability for a theme is "
        "that of its best sentence; per-theme thresholds are chosen by 5-fold "
        "cross-validation inside `fit`. Parameters: "
        + ", ".join(f"`{k}={v!r}`" for k, v in model.get_params().items()) + ".",
        "",
        "## Cross-validated metrics (leave one province out, 29 folds)",
        "Produced by `python -m cyberreport._build_default models/default` "
        "(`cyberreport.cross_validate()`).",
        "",
        "| | micro-F1 | macro-F1 |",
        "|---|---:|---:|",
        f"| this model, documents | {s['doc_micro_f1']:.3f} | {s['doc_macro_f1']:.3f} |",
        f"| this model, sentences | {s['sent_micro_f1']:.3f} | {s['sent_macro_f1']:.3f} |",
        f"| cue matching (taxonomy cue words), documents | {s['cue_matching_micro_f1']:.3f} | {s['cue_matching_macro_f1']:.3f} |",
        f"| naive pipeline (jieba TF-IDF + one-vs-rest LR), documents | {s['naive_pipeline_micro_f1']:.3f} | {s['naive_pipeline_macro_f1']:.3f} |",
        "",
        f"Expected calibration error of the out-of-fold document probabilities: {s['ece']:.3f}.",
        "",
        "Per theme (documents):",
        "",
        *_table(report.document, report.classes),
        "",
    ]
    if held_out is not None:
        d = held_out["document"]
        c = held_out["cue_matching"]
        lines += [
            f"## Held-out texts (`data/eval/`, {d['n']} paragraphs of 2017–2021, never trained or tuned on)",
            "",
            "| | micro-F1 | macro-F1 |",
            "|---|---:|---:|",
            f"| this model, documents | {d['micro_f1']:.3f} | {d['macro_f1']:.3f} |",
        ]
        if held_out.get("sentence"):
            st = held_out["sentence"]
            lines.append(f"| this model, sentences | {st['micro_f1']:.3f} | {st['macro_f1']:.3f} |")
        lines += [
            f"| cue matching, documents | {c['micro_f1']:.3f} | {c['macro_f1']:.3f} |",
            "",
            *_table(d, report.classes),
            "",
        ]
    lines += [
        "## Known limits",
        "- Trained on 29 paragraphs of one genre and year (2016 provincial summaries); texts "
        "of other genres (news, policy) and later vocabulary (数字政府, 清朗 series, 数据安全) "
        "rely on the lexicon priors more than on learned weights.",
        "- Rare themes (`digital_inclusion`, `talent_education`, `international`, "
        "`online_culture`: 2–4 training paragraphs each) have the least reliable thresholds.",
        "- Boundary decisions that need world knowledge or long context (who owns a matrix, "
        "whether a plan is new) are approximated by the words of one sentence.",
        "- Probabilities are of the best sentence; a long text with many weak mentions is "
        "not scored higher than a short one with a single clear mention.",
        "- Labels follow taxonomy version 1; a text outside 网信 work can still receive a "
        "theme when it uses the vocabulary of one.",
        "",
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    from .evaluation import cross_validate, evaluate
    from .persistence import save_model

    parser = argparse.ArgumentParser(prog="python -m cyberreport._build_default")
    parser.add_argument("out", type=Path, help="model directory to write (models/default)")
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument("--no-eval", action="store_true", help="skip the held-out check")
    args = parser.parse_args(argv)
    model = train_default()
    report = cross_validate(n_jobs=args.n_jobs)
    print(report.format())
    held = None
    if not args.no_eval:
        held = evaluate(model, bundled_eval())
        print(f"held-out: documents micro-F1 {held['document']['micro_f1']:.3f} "
              f"macro-F1 {held['document']['macro_f1']:.3f}; cue matching micro-F1 "
              f"{held['cue_matching']['micro_f1']:.3f}")
    metrics = {"cross_validation": report.to_dict()}
    if held is not None:
        metrics["held_out"] = held
    save_model(model, args.out, metrics=metrics, model_card=model_card(model, report, held))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
