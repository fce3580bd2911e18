/**
 * A pool of worker threads for the per-article stages (extract -> nlp ->
 * attribution). Each task runs under a time limit: a worker that overruns is
 * terminated and replaced, and the task becomes an error entry, so one
 * pathological page cannot hang a run. Results come back by structured clone,
 * so what the stages return must be plain data (objects, arrays, Maps; no
 * class instances or functions).
 */
import { Worker } from 'node:worker_threads';
import type { AnalyzedArticle } from '../report/build.js';
import type { RawDocument } from '../types.js';

export interface TaskMessage {
  seq: number;
  id: string;
  doc: RawDocument;
}

export type ResultMessage = { seq: number; ok: true; article: AnalyzedArticle } | { seq: number; ok: false; message: string };

/** A worker says it has loaded its lexicons and model (the time limit starts counting only then). */
export interface ReadyMessage {
  ready: true;
}

export interface PoolOptions {
  size: number;
  lexiconDirs?: string[];
  /** Milliseconds one article may take (0: no limit). */
  timeLimitMs: number;
}

interface Slot {
  worker: Worker;
  task: TaskMessage | null;
  timer: NodeJS.Timeout | null;
  resolve: ((r: ResultMessage) => void) | null;
  ready: boolean;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly idle: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < Math.max(1, options.size); i++) {
      const slot = this.spawn();
      this.slots.push(slot);
      this.idle.push(slot);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, { workerData: { lexiconDirs: this.options.lexiconDirs ?? [] } });
    const slot: Slot = { worker, task: null, timer: null, resolve: null, ready: false };
    worker.on('message', (msg: ResultMessage | ReadyMessage) => {
      if ('ready' in msg) {
        slot.ready = true;
        if (slot.task) this.startClock(slot, slot.task);
      } else this.finish(slot, msg);
    });
    worker.on('error', (err: Error) => {
      if (slot.task) this.finish(slot, { seq: slot.task.seq, ok: false, message: `analysis failed: ${err.message.split('\n')[0]}` }, true);
    });
    worker.on('exit', () => {
      if (slot.task) this.finish(slot, { seq: slot.task.seq, ok: false, message: 'analysis failed: worker stopped' }, true);
    });
    return slot;
  }

  private finish(slot: Slot, msg: ResultMessage, replace = false): void {
    if (!slot.task || slot.task.seq !== msg.seq) return;
    if (slot.timer) clearTimeout(slot.timer);
    const resolve = slot.resolve!;
    slot.task = null;
    slot.timer = null;
    slot.resolve = null;
    const usable = replace ? this.replace(slot) : slot;
    resolve(msg);
    this.release(usable);
  }

  /** Terminate a worker (stuck or dead) and put a fresh one in its place. */
  private replace(slot: Slot): Slot {
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    const fresh = this.spawn();
    this.slots[this.slots.indexOf(slot)] = fresh;
    return fresh;
  }

  private release(slot: Slot): void {
    if (this.closed) return;
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.idle.push(slot);
  }

  /** Wait until a worker is free (backpressure for the reader). */
  private acquire(): Promise<Slot> {
    const slot = this.idle.shift();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /**
   * Run one task. Resolves when a worker has *accepted* it, with a promise of
   * its result, so callers can keep at most `size` tasks in flight.
   */
  async submit(task: TaskMessage): Promise<{ result: Promise<ResultMessage> }> {
    const slot = await this.acquire();
    // Wrapped in an object: a promise resolved with a promise would wait for it.
    const result = new Promise<ResultMessage>((resolve) => {
      slot.task = task;
      slot.resolve = resolve;
      if (slot.ready) this.startClock(slot, task);
      slot.worker.postMessage(task);
    });
    return { result };
  }

  /** The per-article time limit, counted from when a ready worker has the task. */
  private startClock(slot: Slot, task: TaskMessage): void {
    if (this.options.timeLimitMs <= 0 || slot.timer) return;
    slot.timer = setTimeout(() => {
      this.finish(slot, { seq: task.seq, ok: false, message: `analysis took longer than ${this.options.timeLimitMs / 1000} s; skipped` }, true);
    }, this.options.timeLimitMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map((s) => {
        s.worker.removeAllListeners();
        return s.worker.terminate();
      }),
    );
  }
}
