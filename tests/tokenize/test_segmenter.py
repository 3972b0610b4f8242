"""The segmenter backends: shared through a bounded cache (0.1's grew ~25 MB per distinct
word list, never freed)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = r"""
import gc
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
import cyberreport as cr
cr.Tokenizer().add_words(["词0"]).cut("网信办开展工作")
one = rss()
for i in range(1, 51):
    cr.Tokenizer().add_words([f"词{i}"]).cut("网信办开展工作")
gc.collect()
fifty = rss()
tok = cr.Tokenizer()
for i in range(40):
    tok.add_words([f"新词{i}"]).cut("网信办开展工作")
gc.collect()
print(one, fifty, rss())
"""


def test_memory_after_50_tokenizers_with_different_words_stays_within_twice_one():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    one, fifty, loop = map(float, out.stdout.split())
    assert fifty <= 2 * one, (one, fifty)
    assert loop <= 2 * one, (one, loop)


def test_a_tokenizer_keeps_working_after_its_backend_left_the_cache():
    import cyberreport as cr
    from cyberreport.tokenize import _segmenter

    tok = cr.Tokenizer().add_words(["掌上网信通"])
    assert "掌上网信通" in tok.cut("推广掌上网信通")
    for i in range(_segmenter.MAX_BACKENDS + 2):
        cr.Tokenizer().add_words([f"其他词{i}"]).cut("网信办")
    assert "掌上网信通" in tok.cut("推广掌上网信通")
    assert len(_segmenter._BACKENDS) <= _segmenter.MAX_BACKENDS
