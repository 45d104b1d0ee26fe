// Autograd's mode (recording, training) as one explicit context object per async chain: record()
// and pause() scope it to a function, sync or async (AsyncLocalStorage, as np.scope does).
import { AsyncLocalStorage } from 'node:async_hooks';

import { context } from '../core/context.js';
import { tape } from './tape.js';

export interface Mode {
  readonly recording: boolean;
  readonly training: boolean;
}

const IDLE: Mode = { recording: false, training: false };
const modes = new AsyncLocalStorage<Mode>();

export function currentMode(): Mode {
  return modes.getStore() ?? IDLE;
}

// The tape listens to apply() only while some function runs in recording mode (anywhere, in any
// async chain): outside that, ops pay nothing for autograd.
let active = 0;
function acquire(): void {
  if (active++ === 0) context.recorders.push(tape);
}
function release(): void {
  if (--active === 0) {
    const i = context.recorders.indexOf(tape);
    if (i >= 0) context.recorders.splice(i, 1);
  }
}

/** Runs `fn` in `mode`; for an async `fn`, until its promise settles. */
export function withMode<T>(mode: Mode, fn: () => T): T {
  if (!mode.recording) return modes.run(mode, fn);
  acquire();
  let r: T;
  try {
    r = modes.run(mode, fn);
  } catch (e) {
    release();
    throw e;
  }
  if (r instanceof Promise) return r.finally(release) as T;
  release();
  return r;
}

export interface RecordOptions {
  /** Training mode while recording (dropout, batch norm); true by default, as in MXNet. */
  train_mode?: boolean;
}

/** autograd.record(fn): the ops `fn` runs are recorded for backward (MXNet's `with autograd.record()`). */
export function record<T>(fn: () => T, options: RecordOptions = {}): T {
  return withMode({ recording: true, training: options.train_mode ?? true }, fn);
}

/** autograd.pause(fn): nothing `fn` runs is recorded (predict mode unless train_mode). */
export function pause<T>(fn: () => T, options: RecordOptions = {}): T {
  return withMode({ recording: false, training: options.train_mode ?? false }, fn);
}

/** Runs `fn` in training mode, recording as before. */
export function train_mode<T>(fn: () => T): T {
  return withMode({ recording: currentMode().recording, training: true }, fn);
}

/** Runs `fn` in prediction mode, recording as before. */
export function predict_mode<T>(fn: () => T): T {
  return withMode({ recording: currentMode().recording, training: false }, fn);
}

export function is_recording(): boolean {
  return currentMode().recording;
}

export function is_training(): boolean {
  return currentMode().training;
}
