import fs from 'node:fs';

/** How often the file is read when no change notification arrives (a backstop for inotify). */
const POLL_MS = 1_000;
const CHUNK_BYTES = 64 * 1024;

/**
 * Copies what is appended to a log file to `write`, as it is written: the way the deployer shows the
 * output of predictors that write to files of their own (so that they outlive it) in its own log.
 */
export class LogFollower {
  private position: number;
  private readonly watcher: fs.FSWatcher | undefined;
  private readonly timer: NodeJS.Timeout;
  private reading = false;
  private stopped = false;

  /** Follows `file` from `offset` on (its size at the time: only what comes next). */
  constructor(
    private readonly file: string,
    offset: number,
    private readonly write: (chunk: Buffer) => void,
  ) {
    this.position = offset;
    try {
      this.watcher = fs.watch(file, () => this.read());
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      this.watcher = undefined;
    }
    this.timer = setInterval(() => this.read(), POLL_MS);
    this.timer.unref();
  }

  /** Reads what is left, then stops following. */
  stop(): void {
    if (this.stopped) return;
    this.read();
    this.stopped = true;
    this.watcher?.close();
    clearInterval(this.timer);
  }

  /** Everything between the position and the end of the file, synchronously: lines stay whole and in order. */
  private read(): void {
    if (this.stopped || this.reading) return;
    this.reading = true;
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.file, 'r');
      const size = fs.fstatSync(fd).size;
      if (size < this.position) this.position = 0;
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      while (this.position < size) {
        const read = fs.readSync(fd, buffer, 0, Math.min(CHUNK_BYTES, size - this.position), this.position);
        if (read <= 0) break;
        this.position += read;
        this.write(Buffer.from(buffer.subarray(0, read)));
      }
    } catch {
      // The file went away (the replica's state was cleaned up): nothing more to show.
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
      this.reading = false;
    }
  }
}
