import fs from 'node:fs';
import path from 'node:path';

/** A log file this large is moved to `<name>.log.1` when its process starts again. */
const MAX_LOG_BYTES = 10 * 1024 * 1024;

/** The log files of the predictor processes the local drivers start: `${stateDir}/logs/<name>.log`. */
export class LocalLogFiles {
  readonly dir: string;

  constructor(stateDir: string) {
    this.dir = path.join(stateDir, 'logs');
  }

  ensureDir(): void {
    fs.mkdirSync(this.dir, { recursive: true });
  }

  /** `${stateDir}/logs/<name with / as _>.log`. */
  fileOf(name: string): string {
    return path.join(this.dir, `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.log`);
  }

  /** The log file of a process about to start, moved aside first to `<file>.1` when it grew too large. */
  fresh(name: string): string {
    this.ensureDir();
    const file = this.fileOf(name);
    try {
      if (fs.statSync(file).size > MAX_LOG_BYTES) fs.renameSync(file, `${file}.1`);
    } catch {
      // No log yet.
    }
    return file;
  }

  remove(name: string): void {
    fs.rmSync(this.fileOf(name), { force: true });
  }
}
