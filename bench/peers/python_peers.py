#!/usr/bin/env python3
"""One Python peer of quark's benchmark (numpy | torch | jax), driven over JSON lines.

    python3 bench/peers/python_peers.py numpy|torch|jax

bench/run.mjs starts one long-lived process per peer, each with its own environment (thread
variables; OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE removed for NumPy only). Requests arrive one per line
on stdin, answers leave one per line on stdout (nothing else is written there: library chatter is
sent to stderr):

  -> {"cmd": "info"}                                  <- {"ok": true, "info": {...versions, BLAS, threads}}
  -> {"cmd": "setup", "setup": CODE, "op": EXPR}      <- {"ok": true} | {"ok": false, "error": "..."}
  -> {"cmd": "time", "inner": K, "samples": S}        <- {"ok": true, "times": [ms per call] * S}
  -> {"cmd": "teardown"}                              <- {"ok": true}
  -> {"cmd": "quit"}

CODE is exec'd in a fresh namespace holding the peer's module(s) and `rand(*shape)` (float32 in
[0, 1), seeded), `randint(high, *shape)` (int64) and `onehot(labels, n)`; EXPR is then evaluated in
that namespace as the timed call. For JAX each call is followed by block_until_ready, so a sample is
the real compute time, not the asynchronous dispatch.
"""
import gc
import json
import os
import platform
import sys
import time
import traceback

PEER = sys.argv[1] if len(sys.argv) > 1 else 'numpy'
THREADS = int(os.environ.get('QUARK_BENCH_THREADS', '2'))

_proto = sys.stdout
sys.stdout = sys.stderr  # anything the libraries print must not corrupt the protocol


def send(obj):
    _proto.write(json.dumps(obj) + '\n')
    _proto.flush()


def err_text(e):
    return f'{type(e).__name__}: {e}'.strip().splitlines()[0][:300]


def threadpool_info():
    try:
        import threadpoolctl
        return [{k: v for k, v in d.items() if k != 'filepath'} for d in threadpoolctl.threadpool_info()]
    except Exception as e:  # threadpoolctl is optional
        return f'threadpoolctl unavailable ({err_text(e)})'


def load_numpy():
    import numpy as np
    rng = np.random.default_rng(0)
    base = {'np': np}
    base['rand'] = lambda *shape: rng.random(shape, dtype=np.float32)
    base['randint'] = lambda high, *shape: rng.integers(0, high, size=shape, dtype=np.int64)
    info = {'version': np.__version__, 'threads': THREADS, 'threadpools': threadpool_info()}
    try:
        cfg = np.show_config(mode='dicts')
        blas = cfg.get('Build Dependencies', {}).get('blas', {})
        info['blas'] = {k: blas.get(k) for k in ('name', 'version', 'openblas configuration') if blas.get(k)}
        simd = cfg.get('SIMD Extensions', {})
        info['simd'] = {'baseline': simd.get('baseline'), 'found': simd.get('found')}
    except Exception as e:
        info['blas'] = err_text(e)
    info['env'] = {k: os.environ.get(k) for k in ('OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE', 'OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS')}
    return base, None, info


def load_torch():
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(THREADS)
    torch.manual_seed(0)
    base = {'torch': torch, 'F': F, 'nn': torch.nn}
    base['rand'] = lambda *shape: torch.rand(*shape, dtype=torch.float32)
    base['randint'] = lambda high, *shape: torch.randint(0, high, shape, dtype=torch.int64)
    info = {
        'version': torch.__version__,
        'threads': torch.get_num_threads(),
        'interop_threads': torch.get_num_interop_threads(),
        'cpu_capability': torch.backends.cpu.get_cpu_capability(),
        'mkl': torch.backends.mkl.is_available(),
        'mkldnn': torch.backends.mkldnn.is_available(),
    }
    try:
        cfg = torch.__config__.show()
        info['blas'] = [l.strip(' -') for l in cfg.splitlines() if 'Math Kernel' in l or 'MKL-DNN' in l]
        blas_info = [p.split('=')[1] for p in cfg.replace(',', ' ').split() if p.startswith('BLAS_INFO=')]
        if blas_info:
            info['blas_info'] = blas_info[0]
    except Exception as e:
        info['blas'] = err_text(e)
    info['threadpools'] = threadpool_info()
    return base, None, info


def load_jax():
    os.environ.setdefault('JAX_PLATFORMS', 'cpu')
    import numpy as np
    import jax
    import jax.numpy as jnp
    from jax import lax
    rng = np.random.default_rng(0)
    base = {'jax': jax, 'jnp': jnp, 'lax': lax, 'np': np}
    base['rand'] = lambda *shape: jax.device_put(rng.random(shape, dtype=np.float32))
    base['randint'] = lambda high, *shape: jax.device_put(rng.integers(0, high, size=shape, dtype=np.int32))
    import jaxlib
    info = {
        'version': jax.__version__,
        'jaxlib': jaxlib.__version__,
        'backend': jax.default_backend(),
        'devices': [str(d) for d in jax.devices()],
        'threads': f'XLA CPU thread pool = cores available ({len(os.sched_getaffinity(0))})',
        'xla_flags': os.environ.get('XLA_FLAGS', ''),
    }
    return base, jax.block_until_ready, info


LOADERS = {'numpy': load_numpy, 'torch': load_torch, 'jax': load_jax}


def main():
    try:
        t0 = time.perf_counter()
        base, sync, info = LOADERS[PEER]()
        info['import_s'] = round(time.perf_counter() - t0, 3)
        info['python'] = platform.python_version()
    except Exception as e:
        send({'ok': False, 'ready': False, 'error': err_text(e)})
        return
    send({'ok': True, 'ready': True, 'info': info})

    fn = None
    ns = None
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        cmd = req.get('cmd')
        try:
            if cmd == 'quit':
                break
            if cmd == 'info':
                send({'ok': True, 'info': info})
            elif cmd == 'setup':
                fn = ns = None
                gc.collect()
                ns = dict(base)
                exec(compile(req['setup'], f'<{PEER} setup>', 'exec'), ns)
                op = eval(compile('lambda: (' + req['op'] + ')', f'<{PEER} op>', 'eval'), ns)
                if sync is not None:
                    fn = lambda: sync(op())  # noqa: E731
                else:
                    fn = op
                send({'ok': True})
            elif cmd == 'time':
                if fn is None:
                    raise RuntimeError('no workload set up')
                inner, samples = int(req['inner']), int(req['samples'])
                f = fn
                pc = time.perf_counter_ns
                times = []
                for _ in range(samples):
                    t = pc()
                    for _ in range(inner):
                        f()
                    times.append((pc() - t) / inner / 1e6)
                send({'ok': True, 'times': times})
            elif cmd == 'teardown':
                fn = ns = None
                gc.collect()
                send({'ok': True})
            else:
                send({'ok': False, 'error': f'unknown command {cmd!r}'})
        except Exception as e:
            traceback.print_exc(file=sys.stderr)
            send({'ok': False, 'error': err_text(e)})


if __name__ == '__main__':
    main()
