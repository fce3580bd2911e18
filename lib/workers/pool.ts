/**
 * A pool of worker threads for the per-article stages (extract -> nlp ->
 * attribution). Work goes out in batches; a worker analyzes each article
 * from the NLP stage's pristine state (lib/nlp), so results do not depend on
 * how batches were spread over workers.
 *
 * Each article runs under a time limit: a worker that overruns is terminated
 * and replaced, the article becomes an error entry, and the rest of its batch
 * goes on in the new worker. Results come back by structured clone, so what
 * the stages return must be plain data (objects, arrays, Maps; no class
 * instances or functions).
 */
import { Worker } from 'node:worker_threads';
import type { AnalyzedArticle } from '../report/build.js';
import type { RawDocument } from '../types.js';

export interface TaskItem {
  seq: number;
  id: string;
  doc: RawDocument;
}

export interface BatchMessage {
  items: TaskItem[];
}

export type ResultMessage = { seq: number; ok: true; article: AnalyzedArticle } | { seq: number; ok: false; message: string };

/** A worker says it has loaded its lexicons and model (the time limit starts counting only then). */
export interface ReadyMessage {
  ready: true;
}

export interface PoolOptions {
  size: number;
  /** Read by each worker without the schema check: the caller validates them (loadLexicons) before it relies on the pool. */
  lexiconDirs?: string[];
  /** Milliseconds one article may take (0: no limit). */
  timeLimitMs: number;
}

interface Job {
  items: TaskItem[];
  /** Index of the article being analyzed. */
  next: number;
  onResult: (r: ResultMessage) => void;
  done: () => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  ready: boolean;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly idle: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private closed = false;

  /** Number of workers. */
  get size(): number {
    return this.slots.length;
  }

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < Math.max(1, options.size); i++) {
      const slot = this.spawn();
      this.slots.push(slot);
      this.idle.push(slot);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, { workerData: { lexiconDirs: this.options.lexiconDirs ?? [] } });
    const slot: Slot = { worker, job: null, timer: null, ready: false };
    worker.on('message', (msg: ResultMessage | ReadyMessage) => {
      if ('ready' in msg) {
        slot.ready = true;
        this.startClock(slot);
      } else this.result(slot, msg);
    });
    worker.on('error', (err: Error) => this.abandon(slot, `analysis failed: ${err.message.split('\n')[0]}`));
    worker.on('exit', () => this.abandon(slot, 'analysis failed: worker stopped'));
    return slot;
  }

  private result(slot: Slot, msg: ResultMessage): void {
    const job = slot.job;
    if (!job || job.items[job.next]?.seq !== msg.seq) return;
    this.stopClock(slot);
    job.next++;
    job.onResult(msg);
    if (job.next < job.items.length) this.startClock(slot);
    else {
      slot.job = null;
      job.done();
      this.release(slot);
    }
  }

  /** The current article failed (stuck or crashed): report it, replace the worker, go on with the rest of the batch. */
  private abandon(slot: Slot, message: string): void {
    const job = slot.job;
    if (!job) return;
    this.stopClock(slot);
    slot.job = null;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    const fresh = this.spawn();
    this.slots[this.slots.indexOf(slot)] = fresh;
    job.onResult({ seq: job.items[job.next].seq, ok: false, message });
    const rest = job.items.slice(job.next + 1);
    if (rest.length && !this.closed) this.run(fresh, { ...job, items: rest, next: 0 });
    else {
      job.done();
      this.release(fresh);
    }
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

  private run(slot: Slot, job: Job): void {
    slot.job = job;
    this.startClock(slot);
    slot.worker.postMessage({ items: job.items } satisfies BatchMessage);
  }

  /**
   * Send a batch to the next free worker. Resolves once a worker has taken it
   * (so a caller never holds more than one batch per worker), with a promise
   * that settles when every article of the batch has reported.
   */
  async submit(items: TaskItem[], onResult: (r: ResultMessage) => void): Promise<{ finished: Promise<void> }> {
    const slot = await this.acquire();
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    this.run(slot, { items, next: 0, onResult, done });
    return { finished };
  }

  /** The per-article time limit, counted from when a ready worker has the article. */
  private startClock(slot: Slot): void {
    if (this.options.timeLimitMs <= 0 || slot.timer || !slot.ready || !slot.job) return;
    slot.timer = setTimeout(() => {
      slot.timer = null;
      this.abandon(slot, `analysis took longer than ${this.options.timeLimitMs / 1000} s; skipped`);
    }, this.options.timeLimitMs);
  }

  private stopClock(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map((s) => {
        this.stopClock(s);
        s.worker.removeAllListeners();
        return s.worker.terminate();
      }),
    );
  }
}
