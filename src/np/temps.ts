// Temporaries of composite ops: created inside, disposed when the op is done (also when it throws).
import type { NDArray } from '../core/ndarray.js';

export function disposeAll(xs: readonly NDArray[]): void {
  for (const x of xs) x.dispose();
}

/** Runs `fn` with `owned` temporaries freed afterwards (also when it throws). */
export function withTemps<T>(fn: (owned: NDArray[]) => T): T {
  const owned: NDArray[] = [];
  try {
    return fn(owned);
  } finally {
    disposeAll(owned);
  }
}
