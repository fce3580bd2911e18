/**
 * The progress line on stderr: articles done, rate, and an ETA from the share
 * of input bytes read (unknown for stdin). Drawn only when stderr is a TTY,
 * only once the run has lasted a second, at most ten times a second, and
 * erased at the end so the terminal is left clean.
 */
export const PROGRESS_DELAY_MS = 1000;
const REDRAW_MS = 100;

export interface ProgressSink {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;
  private done = 0;
  private errors = 0;

  constructor(
    private readonly sink: ProgressSink,
    private readonly bytes: { bytesRead: number; bytesTotal: number },
    private readonly now: () => number = Date.now,
  ) {}

  update(state: { done: number; errors: number }): void {
    this.done = state.done;
    this.errors = state.errors;
    const t = this.now();
    if (t - this.started < PROGRESS_DELAY_MS || t - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = t;
    this.draw(t);
  }

  /** The text of the line (exported for tests). */
  line(t: number): string {
    const seconds = Math.max(0.001, (t - this.started) / 1000);
    const rate = this.done / seconds;
    let line = `sourcetrace: ${this.done} done`;
    if (this.errors) line += `, ${this.errors} error${this.errors === 1 ? '' : 's'}`;
    line += ` · ${rate >= 10 ? rate.toFixed(0) : rate.toFixed(1)}/s`;
    const { bytesRead, bytesTotal } = this.bytes;
    if (bytesTotal > 0 && bytesRead > 0) {
      const share = Math.min(1, bytesRead / bytesTotal);
      const eta = share > 0 ? (seconds * (1 - share)) / share : 0;
      const width = 20;
      const fill = Math.round(share * width);
      line = `[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${line} · ${Math.round(share * 100)}% · ETA ${clock(eta)}`;
    }
    return line;
  }

  private draw(t: number): void {
    const cols = this.sink.columns ?? 80;
    this.sink.write(`\r${this.line(t).slice(0, cols - 1)}\x1b[K`);
    this.drawn = true;
  }

  finish(): void {
    if (this.drawn) this.sink.write('\r\x1b[K');
    this.drawn = false;
  }
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
