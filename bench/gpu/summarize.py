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
        print(f"enwik8 baseline twice: bit-identical={same} val_bpb={a[0]['val_bpb']!r} tokens/s={a[1]:.0f} "
              f"class={a[0]['hardware_class']}")
    p = peers(folder) if os.path.exists(os.path.join(folder, 'peer.txt')) else {}
    for config, results in sorted(p.items()):
        hashes = {r[3] for r in results}
        print(f"python {config}: runs={len(results)} identical={len(hashes) == 1 if len(results) > 1 else '-'} "
              f"tokens/s={results[0][1]} (all steps {results[0][2]}) loss={results[0][0]}")
    java = runs.get('peer-java')
    py = p.get('200:8:512:8:64:bf16:det:math')
    if java and py:
        print(f"ratio 25M bf16 det (math attention): java {java[1]:.0f} / python all-steps {py[0][2]} = "
              f"{java[1] / py[0][2]:.3f} (python timed steps {py[0][1]}: {java[1] / py[0][1]:.3f}); "
              f"loss java {java[2]:.4f} python {py[0][0]:.4f}")
    for kernel in ('efficient', 'flash'):
        ja, jb = runs.get(f'peer-java-{kernel}-a') or runs.get(f'peer-java-{kernel}'), runs.get(f'peer-java-{kernel}-b')
        pk = p.get(f'100:8:512:8:64:bf16:det:{kernel}')
        if ja:
            ident = (ja[0]['final_param_hash'] == jb[0]['final_param_hash']) if jb else '-'
            ratio = f" ratio vs python {kernel} {ja[1] / pk[0][2]:.3f}" if pk else ''
            print(f"java {kernel}: tokens/s={ja[1]:.0f} identical={ident}{ratio}")
    tiny, pt = runs.get('tiny-java'), p.get('300:4:128:4:16:fp32:det:default')
    if tiny and pt:
        print(f"ratio tiny fp32: java {tiny[1]:.0f} / python all-steps {pt[0][2]} = {tiny[1] / pt[0][2]:.3f}")


if __name__ == '__main__':
    one(sys.argv[2]) if sys.argv[1] == 'one' else all_(sys.argv[2])
