// In-process (Node) implementations share this driver: setup builds a context from the workload's
// spec, time() runs the spec's call `inner` times per sample and disposes every result.

export class NotAvailable extends Error {}

export class JsImpl {
  /**
   * @param name        implementation name (a column of the table)
   * @param specKeys    workload keys to look for, most specific first (e.g. ['tfjs-wasm', 'tfjs'])
   * @param lib         what spec.setup receives as its first argument; also stored as ctx[libKey]
   * @param libKey      'q' | 'tf' | 'nt'
   * @param dispose     (result) => void: frees what one call returned
   * @param activate    optional async () => void run before setup and before each batch (tfjs backend)
   */
  constructor({ name, specKeys, lib, libKey, dispose, activate, info, helpers }) {
    Object.assign(this, { name, specKeys, lib, libKey, disposeResult: dispose, activate, info, helpers });
    this.kind = 'js';
    this.ctx = null;
  }

  spec(w) {
    for (const k of this.specKeys) if (w[k]) return w[k];
    return undefined;
  }

  async setup(w, data) {
    const spec = this.spec(w);
    if (this.activate) await this.activate();
    const owned = [];
    const helper = this.helpers ? this.helpers(data, owned) : data;
    if (spec.needs) {
      const missing = spec.needs(this.lib);
      if (missing) throw new NotAvailable(`not implemented: ${missing}`);
    }
    try {
      const ctx = spec.setup(this.lib, helper) ?? {};
      ctx[this.libKey] = this.lib;
      this.ctx = ctx;
      this.owned = owned;
      this.run = spec.run;
    } catch (e) {
      this.freeAll(owned);
      throw e;
    }
  }

  async time(inner, samples) {
    if (this.activate) await this.activate();
    const { ctx, run } = this;
    const dispose = this.disposeResult;
    const out = new Array(samples);
    for (let s = 0; s < samples; s++) {
      const t0 = performance.now();
      for (let i = 0; i < inner; i++) {
        const r = run(ctx);
        if (r !== undefined && r !== null) dispose(r);
      }
      out[s] = (performance.now() - t0) / inner;
    }
    return out;
  }

  freeAll(list) {
    for (const x of list) {
      try { x?.dispose?.(); } catch { /* already freed (a view of a freed base, …) */ }
    }
  }

  async teardown() {
    if (this.ctx) {
      const vals = Object.entries(this.ctx).filter(([k]) => k !== this.libKey).map(([, v]) => v);
      this.freeAll(vals.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v && typeof v === 'object'));
    }
    this.freeAll(this.owned ?? []);
    this.ctx = null;
    this.owned = null;
  }

  stop() {}
}
