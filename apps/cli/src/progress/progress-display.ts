/**
 * How progress shows while a command waits, on stderr: `animate` redraws one line (a TTY, or
 * `--progress`), `lines` prints a plain line whenever something changed (not a TTY: logs and tests),
 * `off` prints nothing but the result (`--no-progress`).
 */
export type ProgressMode = 'animate' | 'lines' | 'off';

export function progressMode(flag: boolean | undefined, isTty: boolean): ProgressMode {
  if (flag === false) return 'off';
  return flag === true || isTty ? 'animate' : 'lines';
}

const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 100;
const CLEAR_LINE = '\r\x1b[K';

/** A spinner after a label while an operation runs: `⠹ Waiting for operation [create_iris_v2-1]`. */
export class Spinner {
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly label: string,
    private readonly mode: ProgressMode,
    private readonly write: (text: string) => void,
  ) {}

  start(): this {
    if (this.mode === 'lines') this.write(`${this.label}...\n`);
    if (this.mode === 'animate') {
      this.draw();
      this.timer = setInterval(() => this.draw(), FRAME_MS);
      this.timer.unref();
    }
    return this;
  }

  /** Ends the spinner with `outcome` ("done", "failed"). */
  stop(outcome: string): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.mode === 'animate') this.write(`${CLEAR_LINE}${this.label}...${outcome}.\n`);
    if (this.mode === 'lines') this.write(`${this.label}...${outcome}.\n`);
  }

  private draw(): void {
    this.frame = (this.frame + 1) % SPINNER_FRAMES.length;
    this.write(`${CLEAR_LINE}${SPINNER_FRAMES[this.frame]} ${this.label}`);
  }
}

/** What a batch job has done, for its progress bar. */
export interface JobCounts {
  state: string;
  predictions: number;
  errors: number;
  /** Instances in its input, when the CLI could count them. */
  total: number | undefined;
  /** The job's input bytes and those of its shards that are done, when it reports them (0: it does not). */
  inputBytes?: number;
  processedInputBytes?: number;
}

const BAR_WIDTH = 30;

/**
 * `RUNNING [##########--------------------] 200/600 instances (33%), 1 error` when the CLI counted the
 * input; else, when the job reports its input bytes, `RUNNING [######------------------------] 20% of
 * input, 200 instances done, 1 error`; else `RUNNING 200 instances done, 1 error`.
 */
export function jobProgressText(counts: JobCounts): string {
  const done = counts.predictions + counts.errors;
  const errors = counts.errors === 1 ? '1 error' : `${counts.errors} errors`;
  if (counts.total !== undefined && counts.total > 0) {
    const fraction = Math.min(1, done / counts.total);
    return `${counts.state} ${bar(fraction)} ${done}/${counts.total} instances (${percent(fraction)}), ${errors}`;
  }
  const inputBytes = counts.inputBytes ?? 0;
  if (inputBytes > 0) {
    const fraction = Math.min(1, (counts.processedInputBytes ?? 0) / inputBytes);
    return `${counts.state} ${bar(fraction)} ${percent(fraction)} of input, ${done} instances done, ${errors}`;
  }
  return `${counts.state} ${done} instances done, ${errors}`;
}

function bar(fraction: number): string {
  const filled = Math.round(fraction * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
}

function percent(fraction: number): string {
  return `${Math.floor(fraction * 100)}%`;
}

/** A batch job's progress bar, redrawn (animate) or printed when it changed (lines). */
export class JobProgressBar {
  private last = '';

  constructor(
    private readonly mode: ProgressMode,
    private readonly write: (text: string) => void,
  ) {}

  update(counts: JobCounts): void {
    const text = jobProgressText(counts);
    if (text === this.last || this.mode === 'off') return;
    this.last = text;
    this.write(this.mode === 'animate' ? `${CLEAR_LINE}${text}` : `${text}\n`);
  }

  /** Ends the animated line. */
  finish(): void {
    if (this.mode === 'animate' && this.last) this.write('\n');
  }
}
