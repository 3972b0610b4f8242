"""The ``cyberreport`` command line (on top of everything else).

Commands
--------
``cyberreport classify [FILE|-]``   tag texts with work themes (default model)
``cyberreport cv``                   cross-validate the classifier on the bundled corpus
``cyberreport keywords [FILE|-]``    TF-IDF keywords of each text
``cyberreport themes``               list the taxonomy's themes
``cyberreport train DATA -o DIR``    train on your labelled data
``cyberreport evaluate DATA``        per-label figures of a model on labelled data
``cyberreport label-issues DATA``    labels the cross-validated model contradicts
``cyberreport suggest FILE``         which texts to label next
``cyberreport topics FILE``          discover topics
``cyberreport report FILE... -o DIR`` tables, pictures and an HTML page
``cyberreport extract FILE...``      figures or named things of each text, or by group
``cyberreport trends FILE...``       theme shares by group and year, with intervals
``cyberreport compare FILE... -a G`` what sets group G apart (terms, themes, topics)
``cyberreport reuse FILE...``        passages shared by two texts
"""

from __future__ import annotations

import argparse
import os
import sys

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line (and exit status 2)."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see: {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cyberreport`` command."""
    from .._about import __version__
    from . import _analysis, _classify, _extract, _topics, _training

    p = _Parser(
        prog="cyberreport",
        description="Analyse Chinese government texts about cyberspace-affairs (网信) work.",
        epilog="example: cyberreport classify reports.txt   (cyberreport COMMAND --help "
        "for each command)")
    p.add_argument("--version", action="version", version=f"cyberreport {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    _classify.add_commands(sub)
    _training.add_commands(sub)
    _topics.add_commands(sub)
    _extract.add_commands(sub)
    _analysis.add_commands(sub)
    return p


def main(argv=None) -> int:
    """Entry point of the ``cyberreport`` command: every user error is one line on
    standard error and exit status 2."""
    import warnings

    from ..exceptions import (CorpusFormatError, DataError, InputError, ModelFormatError,
                              ResumeError)
    from ._common import show_warning

    parser = build_parser()
    args = parser.parse_args(argv)  # an unknown option is named before a missing command
    if args.command is None:
        parser.error("a command is required (classify, cv, keywords, themes, train, "
                     "evaluate, label-issues, suggest, topics, report)")
    old_show = warnings.showwarning
    warnings.showwarning = show_warning
    try:
        return args.func(args)
    except (InputError, ModelFormatError, CorpusFormatError, DataError, ResumeError,
            ValueError, FileExistsError, NotADirectoryError, IsADirectoryError,
            FileNotFoundError, PermissionError, ImportError) as exc:
        print(f"cyberreport: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except OSError as exc:  # a full disk, an unwritable device ...
        name = f"{exc.filename}: " if exc.filename else ""
        print(f"cyberreport: error: {name}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cyberreport: interrupted", file=sys.stderr)
        return 130
    finally:
        warnings.showwarning = old_show
