// TensorFlow.js peers in the benchmark's Node process: the pure-JS 'cpu' backend and the WebAssembly
// 'wasm' backend (SIMD; single-threaded in Node, where the threaded build needs a browser's
// cross-origin isolation). One tfjs-core instance holds both; each batch switches to its backend.
// The packages are installed on demand into bench/node_modules (see bench/lib/install.mjs).
import { JsImpl } from './js.mjs';

export async function loadTfjs() {
  // The union package, not tfjs-core alone: only its Node bundle registers the gradients.
  const tf = await import('@tensorflow/tfjs');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // tfjs-backend-cpu greets Node users once with a console.warn banner: keep the report clean.
  const warn = console.warn;
  console.warn = () => {};
  const impls = [];
  try {
    for (const backend of ['cpu', 'wasm']) {
      let ok = false;
      let error = null;
      try {
        ok = await tf.setBackend(backend);
        await tf.ready();
        tf.dispose(tf.add(tf.scalar(1), tf.scalar(2))); // first write: the banner, while muted
      } catch (e) { error = e.message; }
      const name = `tfjs-${backend}`;
      if (!ok) { impls.push({ name, unavailable: `backend '${backend}' failed to initialise${error ? `: ${error}` : ''}` }); continue; }
      const info = { version: tf.version?.tfjs ?? tf.version_core, backend };
      if (backend === 'wasm') {
        info.wasm_simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
        info.wasm_threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
        info.wasm_version = wasm.version_wasm;
        info.threads = info.wasm_threads ? 'wasm threads' : 1;
      } else {
        info.threads = 1;
        info.note = 'pure JavaScript kernels on the main thread';
      }
      impls.push(new JsImpl({
        name,
        specKeys: [name, 'tfjs'],
        lib: tf,
        libKey: 'tf',
        dispose: (r) => tf.dispose(r),
        activate: async () => {
          if (tf.getBackend() !== backend) { console.warn = () => {}; await tf.setBackend(backend); console.warn = warn; }
        },
        info,
      }));
    }
  } finally {
    console.warn = warn;
  }
  return impls;
}
