"""Hardening figures (issue 12): peak memory on a huge line and on endless input, no
process left behind by a killed run, and model folders read while they are saved.

    python benchmarks/bench_hardening.py longline   [--chars 50000000]
    python benchmarks/bench_hardening.py devzero    [--seconds 20]
    python benchmarks/bench_hardening.py kill       [--kills 20]
    python benchmarks/bench_hardening.py saveload   [--rounds 1000]
    python benchmarks/bench_hardening.py suggest    [--texts 104000]
    python benchmarks/bench_hardening.py tokenizer  [--chars 10000000]
    python benchmarks/bench_hardening.py addwords   [--calls 200]
    python benchmarks/bench_hardening.py all
    ... --ref-python /work/venv-ref/bin/python      # the same run with cyberreport 0.1

Every measurement runs in a fresh process.  The command line is measured with GNU
``/usr/bin/time -v`` ("Maximum resident set size": the peak RSS of the largest process of
the run); a library call with ``resource.getrusage`` inside its process (peak RSS, and
the RSS after the set-up, so that the growth is shown too).  ``--ref-python`` runs each
measurement also with another interpreter (one with cyberreport 0.1 installed, the
release issue 12 was measured on), so before and after come from the same machine and
run; endless input is then stopped after ``--seconds`` (0.1 reads until memory runs out).

Acceptance targets (issue 12):

* peak RSS <= 1 GB on a 50M-character single line, through ``cyberreport classify`` and
  through ``predict``;
* peak RSS on ``/dev/zero`` bounded by the maximum record length (the run ends with an
  error naming the file and line 1);
* ``classify --n-jobs 2`` killed with SIGKILL leaves no process behind;
* concurrent ``save`` and ``load`` of one model folder, 1,000 rounds: every load is the
  complete old or the complete new model, never an error or a mix.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time

MB = 1 << 20
BENCH_DIR = os.environ.get("CYBERREPORT_BENCH_DIR",
                           os.path.join(tempfile.gettempdir(), "cyberreport-bench"))
_MAIN = "import sys; from cyberreport.cli import main; sys.exit(main(sys.argv[1:]))"
_RSS = r"""
import resource, sys, time
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
def peak():  # VmHWM: ru_maxrss would count the parent's peak (kept across fork and exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
"""


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def _version(python: str) -> str:
    return subprocess.run([python, "-c", "import cyberreport; print(cyberreport.__version__)"],
                          capture_output=True, text=True, env=_env()).stdout.strip()


def _pythons(args) -> list[tuple[str, str]]:
    out = [(f"cyberreport {_version(sys.executable)}", sys.executable)]
    if args.ref_python:
        out.append((f"cyberreport {_version(args.ref_python)}", args.ref_python))
    return out


def _mb(n) -> str:
    return "-" if n is None else f"{n / MB:,.0f} MB"


def time_v(cmd: list[str], env=None, timeout=None, kill_after=None) -> dict:
    """Run ``cmd`` under ``/usr/bin/time -v``: exit status, peak RSS, seconds, and its own
    standard error.  With ``kill_after``, ``cmd`` is killed (SIGKILL) after that many
    seconds (time still reports it)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(["/usr/bin/time", "-v", *cmd], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, errors="replace", env=env or _env())
    if kill_after is not None:
        while p.poll() is None and time.perf_counter() - t0 < kill_after:
            time.sleep(0.05)
        for child in _descendants(p.pid):
            try:
                os.kill(child, signal.SIGKILL)
            except OSError:
                pass
    _, err = p.communicate(timeout=timeout)
    seconds = time.perf_counter() - t0
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    status = re.search(r"Exit status: (\d+)", err)
    sig = re.search(r"Command terminated by signal (\d+)", err)
    own = [ln for ln in err.split("\tCommand being timed:")[0].strip().splitlines()
           if not ln.startswith(("Command exited with", "Command terminated by"))]
    return {"peak": int(m.group(1)) * 1024 if m else None,
            "status": f"signal {sig.group(1)}" if sig else (status.group(1) if status else "?"),
            "seconds": seconds, "stderr": "\n".join(own)}


def measure(python: str, body: str, timeout=3600) -> dict:
    """Run ``body`` (which sets ``base`` after its set-up) in a fresh ``python``:
    ``{"base", "peak", "seconds"}`` or ``{"error": ...}``."""
    code = _RSS + body + ("\nimport json; print(json.dumps({'base': base, 'peak': peak(), "
                          "'seconds': time.perf_counter() - t0}))\n")
    r = subprocess.run([python, "-c", code], capture_output=True, text=True, env=_env(),
                       timeout=timeout)
    if r.returncode != 0:
        return {"error": (r.stderr.strip().splitlines() or [f"exit {r.returncode}"])[-1][:120]}
    return json.loads(r.stdout.strip().splitlines()[-1])


def _row(*cells) -> None:
    print("| " + " | ".join(str(c) for c in cells) + " |", flush=True)


# ---------------------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------------------
def _sentences() -> list[str]:
    import cyberreport as cr

    return [s.text for p in cr.load_corpus() for s in p.sentences]


def long_line_file(chars: int, kind: str) -> str:
    """A file of one line of ``chars`` characters: corpus sentences in random order
    (``prose``) or one character repeated, without any sentence end (``repeat``)."""
    os.makedirs(BENCH_DIR, exist_ok=True)
    path = os.path.join(BENCH_DIR, f"longline-{kind}-{chars}.txt")
    if not os.path.exists(path):
        if kind == "repeat":
            text = "网" * chars
        else:
            sents, rng, parts, n = _sentences(), random.Random(0), [], 0
            while n < chars:
                s = rng.choice(sents)
                parts.append(s)
                n += len(s)
            text = "".join(parts)[:chars]
        with open(path + ".part", "w", encoding="utf-8") as f:
            f.write(text + "\n")
        os.replace(path + ".part", path)
    return path


# ---------------------------------------------------------------------------------------
# measurements
# ---------------------------------------------------------------------------------------
def bench_longline(args) -> None:
    print(f"\n== one line of {args.chars:,} characters: peak RSS (the whole process)")
    _row("input", "path", "release", "peak RSS", "growth", "seconds", "result")
    _row(*["---"] * 7)
    for kind in ("prose", "repeat"):
        path = long_line_file(args.chars, kind)
        for name, python in _pythons(args):
            out = os.path.join(BENCH_DIR, "longline-out.jsonl")
            if os.path.exists(out):
                os.remove(out)
            r = time_v([python, "-c", _MAIN, "classify", path, "-o", out], timeout=7200)
            ok = r["status"] == "0" and os.path.exists(out) and sum(1 for _ in open(out)) == 1
            _row(kind, "`cyberreport classify FILE -o OUT`", name, _mb(r["peak"]), "",
                 f"{r['seconds']:.0f}", "1 record" if ok else f"exit {r['status']}: "
                 + r["stderr"][-80:].replace("\n", " "))
            body = f"""
import cyberreport as cr
model = cr.load_model()
model.predict(["开展网络安全检查。"])
text = open({path!r}, encoding="utf-8").read().rstrip("\\n")
base = rss(); t0 = time.perf_counter()
out = model.predict([text])
"""
            m = measure(python, body, timeout=7200)
            if "error" in m:
                _row(kind, "`model.predict([text])`", name, "-", "-", "-", m["error"])
            else:
                _row(kind, "`model.predict([text])`", name, _mb(m["peak"]),
                     _mb(m["peak"] - m["base"]), f"{m['seconds']:.0f}", "ok")


def bench_devzero(args) -> None:
    print("\n== /dev/zero (endless input without a line break): peak RSS of "
          "`cyberreport classify /dev/zero -o OUT`")
    _row("release", "maximum record length", "peak RSS", "seconds", "exit", "message")
    _row(*["---"] * 6)
    for name, python in _pythons(args):
        limits = [None, 16 * MB, 64 * MB] if "0.1" not in name else [None]
        for limit in limits:
            env = _env(**({"CYBERREPORT_MAX_RECORD_BYTES": str(limit)} if limit else {}))
            out = os.path.join(BENCH_DIR, "devzero-out.jsonl")
            if os.path.exists(out):
                os.remove(out)
            os.makedirs(BENCH_DIR, exist_ok=True)
            # 0.1 reads until memory runs out: stop it after --seconds
            cmd = [python, "-c", _MAIN, "classify", "/dev/zero", "-o", out]
            r = time_v(cmd, env=env, timeout=args.seconds + 120, kill_after=args.seconds)
            msg = r["stderr"].splitlines()[-1][:110] if r["stderr"] else ""
            if "signal" in r["status"]:
                msg = f"still reading after {args.seconds} s: killed"
            _row(name, "default (256 MiB)" if limit is None else _mb(limit), _mb(r["peak"]),
                 f"{r['seconds']:.1f}", r["status"], msg.replace("|", "\\|"))


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d))
    out, todo = set(), [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            if c not in out:
                out.add(c)
                todo.append(c)
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _rss_of(pids) -> int:
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(x.split()[1]) * 1024 for x in f if x.startswith("VmRSS:"))
        except (OSError, StopIteration):
            pass
    return total


def bench_kill(args) -> None:
    print(f"\n== `cyberreport classify IN -o OUT --n-jobs 2` killed with SIGKILL once its "
          f"workers run, {args.kills} times")
    _row("release", "kills", "processes started (besides the killed one)",
         "alive 30 s after the kill", "their RSS", "slowest to go")
    _row(*["---"] * 6)
    os.makedirs(BENCH_DIR, exist_ok=True)
    src = os.path.join(BENCH_DIR, "kill-in.jsonl")
    if not os.path.exists(src):
        sents, rng = _sentences(), random.Random(0)
        with open(src, "w", encoding="utf-8") as f:
            for i in range(200_000):
                f.write(json.dumps({"id": i, "text": "".join(rng.sample(sents, 3))},
                                   ensure_ascii=False) + "\n")
    for name, python in _pythons(args):
        started = left = slowest = 0
        rss_left = 0
        leftovers: set[int] = set()
        for k in range(args.kills):
            out = os.path.join(BENCH_DIR, f"kill-out-{k}.jsonl")
            if os.path.exists(out):
                os.remove(out)
            proc = subprocess.Popen([python, "-c", _MAIN, "classify", src, "-o", out,
                                     "--n-jobs", "2"], env=_env(), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, start_new_session=True)
            family: set[int] = set()
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline and proc.poll() is None:
                family |= _descendants(proc.pid)
                if len(family) >= 2 and os.path.exists(out) and os.path.getsize(out) > 0:
                    break
                time.sleep(0.05)
            time.sleep(0.5)
            family |= _descendants(proc.pid)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            t0 = time.monotonic()
            while time.monotonic() - t0 < 30 and any(_alive(p) for p in family):
                time.sleep(0.1)
            gone_after = time.monotonic() - t0
            alive = {p for p in family if _alive(p)}
            started += len(family)
            left += len(alive)
            rss_left += _rss_of(alive)
            leftovers |= alive
            if not alive:
                slowest = max(slowest, gone_after)
            os.remove(out)
        for p in leftovers:  # the ones this benchmark started and that outlived it
            try:
                os.kill(p, signal.SIGKILL)
            except OSError:
                pass
        _row(name, args.kills, started, left, _mb(rss_left) if left else "-",
             f"{slowest:.1f} s" if not left else "-")


_WRITER = r"""
import sys, cyberreport as cr
{no_exchange}
a, b = cr.load_model(sys.argv[1]), cr.load_model(sys.argv[2])
dest, rounds = sys.argv[3], int(sys.argv[4])
for i in range(rounds):
    (b if i % 2 else a).save(dest)
print("done", flush=True)
"""

_READER = r"""
import hashlib, json, sys, time, numpy as np, cyberreport as cr
def sig(m):  # the parameters (model.json) and the coefficients (coef.npy) together
    coef = np.ascontiguousarray(m.coef_, dtype=np.float64)
    return (m.get_params()["C"], hashlib.sha256(coef.tobytes()).hexdigest())
a, b = sig(cr.load_model(sys.argv[1])), sig(cr.load_model(sys.argv[2]))
dest, done = sys.argv[3], sys.argv[4]
import os
counts = {"loads": 0, "old": 0, "new": 0, "mixed": 0, "errors": 0}
first_error = ""
t0 = time.perf_counter()
while True:
    finished = os.path.exists(done)
    try:
        s = sig(cr.load_model(dest))
    except Exception as exc:
        counts["errors"] += 1
        first_error = first_error or f"{type(exc).__name__}: {exc}".replace(dest, "DEST")[:90]
    else:
        counts["old" if s == a else "new" if s == b else "mixed"] += 1
    counts["loads"] += 1
    if finished:
        break
counts["seconds"] = time.perf_counter() - t0
counts["first_error"] = first_error
print(json.dumps(counts))
"""


def bench_saveload(args) -> None:
    print(f"\n== one model folder saved {args.rounds:,} times (two models in turn) by one "
          "process while another loads it without pause")
    _row("release", "save", "saves", "loads", "complete old (C=1)", "complete new (C=3)",
         "mixed", "errors", "first error", "litter left")
    _row(*["---"] * 10)
    tmp = tempfile.mkdtemp(prefix="saveload-", dir=_mkdir(BENCH_DIR))
    build = r"""
import sys, cyberreport as cr
data = [("银行下调贷款利率", ["finance"]), ("股市收盘上涨", ["finance"]), ("基金净值回升", ["finance"]),
        ("球队赢得比赛", ["sports"]), ("运动员打破纪录", ["sports"]), ("联赛开幕", ["sports"])]
X, y = zip(*data)
for C, name in ((1.0, "a"), (3.0, "b")):
    cr.ThemeClassifier(threshold=0.5, C=C, char_ngram_range=(1, 2)).fit(list(X), list(y)).save(sys.argv[1] + "/" + name)
"""
    for name, python in _pythons(args):
        modes = ["exchange", "two renames"] if "0.1" not in name else ["(0.1)"]
        for mode in modes:
            run = tempfile.mkdtemp(dir=tmp)
            subprocess.run([python, "-c", build, run], check=True, env=_env())
            dest, done = os.path.join(run, "dest", "model"), os.path.join(run, "done")
            subprocess.run([python, "-c", "import sys, cyberreport as cr; "
                            "cr.load_model(sys.argv[1]).save(sys.argv[2])",
                            os.path.join(run, "a"), dest], check=True, env=_env())
            no_exchange = ("import cyberreport._modelfile as mf; mf._EXCHANGE = None"
                           if mode == "two renames" else "")
            reader = subprocess.Popen([python, "-c", _READER, os.path.join(run, "a"),
                                       os.path.join(run, "b"), dest, done],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, env=_env())
            time.sleep(2)
            w = subprocess.run([python, "-c", _WRITER.replace("{no_exchange}", no_exchange),
                                os.path.join(run, "a"), os.path.join(run, "b"), dest,
                                str(args.rounds)], capture_output=True, text=True, env=_env())
            open(done, "w").close()
            out, err = reader.communicate(timeout=600)
            if w.returncode != 0 or reader.returncode != 0:
                _row(name, mode, "failed", (w.stderr + err).strip().splitlines()[-1][:100],
                     *[""] * 6)
                continue
            c = json.loads(out.strip().splitlines()[-1])
            litter = sorted(set(os.listdir(os.path.dirname(dest))) - {"model"})
            _row(name, mode, args.rounds, c["loads"], c["old"], c["new"], c["mixed"],
                 c["errors"], c["first_error"].replace("|", "\\|") or "-",
                 ", ".join(litter) or "none")


def _mkdir(path: str) -> str:
    os.makedirs(path, exist_ok=True)
    return path


def bench_suggest(args) -> None:
    print(f"\n== `suggest_next(texts, 10)` on {args.texts:,} texts (2 corpus sentences each)")
    _row("release", "input", "peak RSS", "growth", "seconds")
    _row(*["---"] * 5)
    src = os.path.join(_mkdir(BENCH_DIR), f"suggest-{args.texts}.txt")
    if not os.path.exists(src):
        sents, rng = _sentences(), random.Random(0)
        with open(src, "w", encoding="utf-8") as f:
            for i in range(args.texts):
                f.write("".join(rng.sample(sents, 2)) + f"第{i}号。\n")
    for name, python in _pythons(args):
        body = f"""
import cyberreport as cr
model = cr.load_model()
texts = open({src!r}, encoding="utf-8").read().splitlines()
model.predict(texts[:10])
base = rss(); t0 = time.perf_counter()
out = cr.suggest_next(texts, 10, model=model)
"""
        m = measure(python, body)
        size = f"{os.path.getsize(src) / MB:.1f} MB"
        if "error" in m:
            _row(name, size, "-", "-", m["error"])
        else:
            _row(name, size, _mb(m["peak"]), _mb(m["peak"] - m["base"]), f"{m['seconds']:.0f}")


def bench_tokenizer(args) -> None:
    print(f"\n== `Tokenizer(backend=...).cut(\"网\" * {args.chars:,})`")
    _row("release", "backend", "peak RSS", "growth", "seconds")
    _row(*["---"] * 5)
    for name, python in _pythons(args):
        for backend in ("jieba", "auto"):
            body = f"""
import cyberreport as cr
tok = cr.Tokenizer(backend={backend!r})
tok.cut("网信办")
text = "网" * {args.chars}
base = rss(); t0 = time.perf_counter()
toks = tok.cut(text)
"""
            m = measure(python, body)
            if "error" in m:
                _row(name, backend, "-", "-", m["error"])
            else:
                _row(name, backend, _mb(m["peak"]), _mb(m["peak"] - m["base"]),
                     f"{m['seconds']:.0f}")


def bench_addwords(args) -> None:
    marks = sorted({1, 10, 40, args.calls})
    print(f"\n== `tok.add_words([new word]).cut(text)` in a loop: RSS after so many calls")
    _row("release", *[f"{m} calls" for m in marks])
    _row(*["---"] * (len(marks) + 1))
    for name, python in _pythons(args):
        code = _RSS + f"""
import gc, json, cyberreport as cr
tok = cr.Tokenizer()
out = {{}}
for i in range(1, {max(marks)} + 1):
    tok.add_words([f"新词{{i}}"]).cut("网信办开展工作")
    if i in {marks!r}:
        gc.collect()
        out[i] = rss()
print(json.dumps(out))
"""
        r = subprocess.run([python, "-c", code], capture_output=True, text=True, env=_env())
        if r.returncode != 0:
            _row(name, r.stderr.strip().splitlines()[-1][:100], *[""] * (len(marks) - 1))
            continue
        m = json.loads(r.stdout.strip().splitlines()[-1])
        _row(name, *[_mb(m[str(k)]) for k in marks])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["longline", "devzero", "kill", "saveload", "suggest",
                                     "tokenizer", "addwords", "all"])
    ap.add_argument("--ref-python", help="an interpreter with the release to compare with")
    ap.add_argument("--chars", type=int, default=None)
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=1000)
    ap.add_argument("--texts", type=int, default=104_000)
    ap.add_argument("--calls", type=int, default=200)
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}; {os.cpu_count()} CPUs; "
          f"{' / '.join(n for n, _ in _pythons(args))}")
    todo = ["longline", "devzero", "kill", "saveload", "suggest", "tokenizer", "addwords"] \
        if args.what == "all" else [args.what]
    for what in todo:
        a = argparse.Namespace(**vars(args))
        if a.chars is None:
            a.chars = 50_000_000 if what == "longline" else 10_000_000
        globals()[f"bench_{what}"](a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
