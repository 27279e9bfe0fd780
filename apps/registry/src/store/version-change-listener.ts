import type { Knex } from '@presage/db';
import type { Logger } from '@presage/log';
import { VERSION_CHANGES_CHANNEL } from './version-change-trigger';

/** The part of a pg client LISTEN uses. */
interface ListeningConnection {
  query(sql: string): Promise<unknown>;
  on(event: string, listener: (...args: never[]) => void): void;
  removeListener(event: string, listener: (...args: never[]) => void): void;
}

/** The part of knex's client that lends pooled connections. */
interface ConnectionPool {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): unknown;
}

interface Notification {
  channel: string;
  payload?: string;
}

export interface VersionChangeListenerOptions {
  /** A committed change of this version (its row or one of its operations). */
  onChange(versionName: string): void;
  /**
   * Listening started, or started again after the connection was lost: changes committed meanwhile were
   * not announced, so everything must be read again.
   */
  onListening(): void;
  logger: Logger;
  /** The wait before listening again after a lost connection; it doubles up to 5 s. @default 200 */
  retryMs?: number;
}

/**
 * LISTENs for the version change notifications of the registry's triggers, on one connection of the
 * pool held while started, listening again (with backoff) when that connection is lost.
 */
export class VersionChangeListener {
  private connection: ListeningConnection | undefined;
  private running = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly knex: Knex,
    private readonly options: VersionChangeListenerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
  }

  /** Stops listening and gives the connection back to the pool. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    const connection = this.connection;
    this.connection = undefined;
    if (!connection) return;
    await connection.query(`unlisten ${VERSION_CHANGES_CHANNEL}`).catch(() => undefined);
    this.release(connection);
  }

  private async listen(): Promise<void> {
    let connection: ListeningConnection | undefined;
    try {
      connection = (await this.pool().acquireConnection()) as ListeningConnection;
      connection.on('notification', this.notified);
      connection.on('error', this.failed);
      connection.on('end', this.failed);
      await connection.query(`listen ${VERSION_CHANGES_CHANNEL}`);
    } catch (error) {
      if (connection) this.release(connection);
      this.retry(error);
      return;
    }
    if (!this.running) {
      this.release(connection);
      return;
    }
    this.connection = connection;
    this.failures = 0;
    this.options.onListening();
  }

  private readonly notified = (message: Notification): void => {
    if (message.channel === VERSION_CHANGES_CHANNEL && message.payload)
      this.options.onChange(message.payload);
  };

  /** The listening connection failed or ended. */
  private readonly failed = (error?: Error): void => {
    const connection = this.connection;
    if (!connection) return;
    this.connection = undefined;
    this.release(connection);
    this.retry(error ?? new Error('the connection ended'));
  };

  private retry(error: unknown): void {
    if (!this.running) return;
    this.failures++;
    const delay = Math.min((this.options.retryMs ?? 200) * 2 ** (this.failures - 1), 5_000);
    this.options.logger.warn('cannot listen for version changes; trying again', { inMs: delay, error });
    this.retryTimer = setTimeout(() => void this.listen(), delay);
  }

  private pool(): ConnectionPool {
    return this.knex.client as ConnectionPool;
  }

  private release(connection: ListeningConnection): void {
    connection.removeListener('notification', this.notified);
    connection.removeListener('error', this.failed);
    connection.removeListener('end', this.failed);
    // knex marks a connection that failed or ended as disposed: the pool then destroys it.
    void Promise.resolve(this.pool().releaseConnection(connection)).catch(() => undefined);
  }
}
