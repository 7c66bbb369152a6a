/**
 * The run's progress bar on stderr: overall share of the planned work (weighted by each step's
 * expected seconds), elapsed time, an estimate of what is left, and the step under way. On a
 * terminal it redraws one line; into a file or pipe it writes a line per step instead.
 */
const WIDTH = 28;
const REDRAW_MS = 250;

function clock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export class ProgressBar {
  private readonly total: number;
  private readonly stream: NodeJS.WriteStream;
  private readonly started = performance.now();
  private done = 0;
  private step: { label: string; weight: number; fraction: number; detail: string; at: number } | undefined;
  private readonly timer: NodeJS.Timeout | undefined;

  /** `total`: the sum of the planned steps' expected seconds. */
  constructor(total: number, stream: NodeJS.WriteStream = process.stderr) {
    this.total = Math.max(1, total);
    this.stream = stream;
    if (stream.isTTY) {
      this.timer = setInterval(() => this.draw(), REDRAW_MS);
      this.timer.unref();
    }
  }

  begin(label: string, weight: number): void {
    this.step = { label, weight, fraction: 0, detail: '', at: performance.now() };
    if (!this.stream.isTTY) this.stream.write(`${this.line()}\n`);
  }

  /** Progress inside the current step, as its own share (0..1), and what it is doing. */
  update(fraction: number, detail: string): void {
    if (!this.step) return;
    this.step.fraction = Math.max(this.step.fraction, Math.min(1, fraction));
    this.step.detail = detail;
  }

  end(): void {
    this.done += this.step?.weight ?? 0;
    this.step = undefined;
  }

  /** Prints a line above the bar (a warning, a failed step) without tearing it. */
  say(text: string): void {
    if (this.stream.isTTY) this.stream.write(`\r\u001b[2K${text}\n`);
    else this.stream.write(`${text}\n`);
    this.draw();
  }

  finish(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.stream.isTTY) this.stream.write(`\r\u001b[2K${this.line(true)}\n`);
    else this.stream.write(`${this.line(true)}\n`);
  }

  private share(): number {
    const step = this.step;
    if (!step) return this.done / this.total;
    // Between reports, time moves the bar on, but never past 95% of a step it has not finished.
    const byTime = Math.min(0.95, (performance.now() - step.at) / 1000 / Math.max(1, step.weight));
    return Math.min(1, (this.done + step.weight * Math.max(step.fraction, byTime)) / this.total);
  }

  private line(finished = false): string {
    const share = finished ? 1 : this.share();
    const filled = Math.round(share * WIDTH);
    const elapsed = (performance.now() - this.started) / 1000;
    const left = share > 0.02 && !finished ? `  ~${clock(elapsed / share - elapsed)} left` : '';
    const what = finished ? 'done' : [this.step?.label, this.step?.detail].filter(Boolean).join(': ');
    return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${clock(elapsed)}${left}  ${what}`;
  }

  private draw(): void {
    if (this.stream.isTTY) this.stream.write(`\r\u001b[2K${this.line().slice(0, (this.stream.columns || 120) - 1)}`);
  }
}
