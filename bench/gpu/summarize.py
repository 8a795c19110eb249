"""Reads the GPU check's outputs (bench/gpu/device-check.sh) and prints its figures: determinism, verdicts,
Java and Python tokens/s and their ratios. usage: summarize.py one RUN.json | all FOLDER"""
import json, os, re, sys


def record(path):
    with open(path) as f:
        r = json.load(f)
    tps = r['tokens'] / r['training_seconds'] if r['training_seconds'] > 0 else 0
    loss = r['train_loss'][-1]['loss'] if r['train_loss'] else float('nan')
    return r, tps, loss


def one(path):
    try:
        r, tps, loss = record(path)
    except Exception as e:
        print(f"no record ({type(e).__name__})"); return
    print(f"steps={r['steps']} tokens_per_s={tps:.0f} loss={loss:.4f} val_bpb={r['val_bpb']!r} "
          f"hash={r['final_param_hash'][:16]} dtype={r['dtype']} class={r['hardware_class']} "
          f"device={r['device_model']} attention={r['attention_kernel']} det={r['deterministic']}")


def peers(folder):
    found = {}
    for line in open(os.path.join(folder, 'peer.txt')):
        m = re.search(r'config=(\S+) .*loss=(\S+) tokens_per_s=(\d+) tokens_per_s_all=(\d+) hash=(\w+)', line)
        if m:
            found.setdefault(m.group(1), []).append((float(m.group(2)), int(m.group(3)), int(m.group(4)), m.group(5)))
    return found


def kernels(folder):
    """The kernel sweep: per configuration, how many runs, whether all ended at one hash, the first tokens/s."""
    runs, errors = {}, {}
    for line in open(os.path.join(folder, 'kernels.txt')):
        m = re.search(r'config=(\S+) .*loss=(\S+) tokens_per_s=(\d+) .*hash=(\w+)', line)
        e = re.search(r'config=(\S+) error=(.*)', line)
        if m:
            runs.setdefault(m.group(1), []).append((m.group(2), int(m.group(3)), m.group(4)))
        elif e:
            errors.setdefault(e.group(1), []).append(e.group(2).strip())
    for config, rs in runs.items():
        same = f" identical={len({r[2] for r in rs}) == 1}" if len(rs) > 1 else ''
        print(f"kernel {config}: runs={len(rs)}{same} tokens/s={rs[0][1]} loss={rs[0][0]} hash={rs[0][2]}")
    for config, es in errors.items():
        print(f"kernel {config}: {len(es)} error(s): {es[0]}")


def marginal(runs, short, long_):
    """Steady-state tokens/s of the Java trainer: the rate between a short and a long run of one experiment."""
    a, b = runs.get(short), runs.get(long_)
    if not (a and b) or b[0]['training_seconds'] <= a[0]['training_seconds']:
        return None
    return (b[0]['tokens'] - a[0]['tokens']) / (b[0]['training_seconds'] - a[0]['training_seconds'])


def all_(folder):
    runs = {}
    for name in os.listdir(folder):
        if name.endswith('.json'):
            try:
                runs[name[:-5]] = record(os.path.join(folder, name))
            except Exception:
                pass
    a, b = runs.get('enwik8-a'), runs.get('enwik8-b')
    if a and b:
        same = a[0]['final_param_hash'] == b[0]['final_param_hash'] and a[0]['val_bpb'] == b[0]['val_bpb']
        print(f"enwik8 baseline model twice ({a[0]['steps']} steps, {a[0]['dtype']}): bit-identical={same} "
              f"val_bpb={a[0]['val_bpb']!r} hash={a[0]['final_param_hash'][:16]} class={a[0]['hardware_class']} "
              f"device={a[0]['device_model']}")
    p = peers(folder) if os.path.exists(os.path.join(folder, 'peer.txt')) else {}
    for config, results in sorted(p.items()):
        print(f"python {config}: tokens/s={results[0][1]} (all steps {results[0][2]}) loss={results[0][0]}")
    if os.path.exists(os.path.join(folder, 'kernels.txt')):
        kernels(folder)
    for label, short, long_, config in (
            ('enwik8 baseline shape, bf16', 'big-short', 'big-long', '200:8:512:8:64:bf16:det:efficient'),
            ('CPU-track baseline shape, fp32', 'tiny-short', 'tiny-long', '600:4:128:4:16:fp32:det:efficient')):
        java = marginal(runs, short, long_)
        py = p.get(config)
        if java and py:
            print(f"ratio {label}: java {java:.0f} tokens/s / python {py[0][1]} = {java / py[0][1]:.3f} "
                  f"(java whole long run {runs[long_][1]:.0f}; loss java {runs[long_][2]:.4f})")
        elif java:
            print(f"java {label}: {java:.0f} tokens/s (no python figure)")


if __name__ == '__main__':
    one(sys.argv[2]) if sys.argv[1] == 'one' else all_(sys.argv[2])
