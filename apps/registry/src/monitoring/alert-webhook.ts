import { createHmac, randomUUID } from 'node:crypto';
import type { Logger } from '@presage/log';
import { webhookHostAllowed } from './monitoring-config';

export interface AlertWebhookOptions {
  logger: Logger;
  /** Tries per alert, the first included. @default 5 */
  attempts?: number;
  /** The wait before the second try; it doubles for each one after (with ±20 % jitter). @default 1_000 */
  firstRetryDelayMs?: number;
  /** How long one try may take. @default 10_000 */
  timeoutMs?: number;
  /** The hosts alerts may go to (a config set before the list changed is checked again). @default any */
  allowedHosts?: readonly string[] | undefined;
}

/** The header carrying `sha256=<hex>`: the HMAC-SHA256 of the body under the config's webhook secret. */
export const SIGNATURE_HEADER = 'x-presage-signature';
/** The header carrying one id per alert, the same on every try, so a receiver can drop repeats. */
export const DELIVERY_HEADER = 'x-presage-delivery';

export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * POSTs alerts to webhooks in the background: retried with exponential backoff after a network error, a
 * timeout, 408, 429 or a 5xx answer; given up after another 4xx or the last try. Never throws.
 */
export class AlertWebhook {
  private readonly deliveries = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: AlertWebhookOptions) {}

  /** Sends `payload` as JSON to `uri`, signed with `secret` when there is one. */
  send(uri: string, secret: string, payload: unknown): void {
    if (!webhookHostAllowed(uri, this.options.allowedHosts)) {
      this.options.logger.warn('a monitoring alert webhook was not sent: its host is not allowed', {
        webhook: redactedUrl(uri),
      });
      return;
    }
    const delivery = this.deliver(uri, secret, JSON.stringify(payload));
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
  }

  /** Stops retrying; resolves when every delivery has ended. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all([...this.deliveries]);
  }

  private async deliver(uri: string, secret: string, body: string): Promise<void> {
    const attempts = this.options.attempts ?? 5;
    const id = randomUUID();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [DELIVERY_HEADER]: id,
      'user-agent': 'presage-monitoring',
    };
    if (secret) headers[SIGNATURE_HEADER] = signatureOf(secret, body);
    let delay = this.options.firstRetryDelayMs ?? 1_000;
    for (let attempt = 1; attempt <= attempts && !this.stopping.signal.aborted; attempt++) {
      const { outcome, retriable } = await this.post(uri, body, headers);
      if (outcome === 'delivered') return;
      const retry = retriable && attempt < attempts;
      this.options.logger.warn('a monitoring alert webhook failed', {
        webhook: redactedUrl(uri),
        delivery: id,
        attempt,
        outcome,
        retry,
      });
      if (!retry) return;
      await sleep(delay * (0.8 + Math.random() * 0.4), this.stopping.signal);
      delay *= 2;
    }
  }

  private async post(
    uri: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<{ outcome: string; retriable: boolean }> {
    const signal = AbortSignal.any([
      this.stopping.signal,
      AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    ]);
    try {
      const response = await fetch(uri, { method: 'POST', body, headers, signal, redirect: 'manual' });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { outcome: 'delivered', retriable: false };
      const status = response.status;
      return { outcome: `HTTP ${status}`, retriable: status === 408 || status === 429 || status >= 500 };
    } catch (error) {
      return { outcome: error instanceof Error ? error.name : 'error', retriable: true };
    }
  }
}

/** A webhook URL for logs: its origin and path, never credentials or a query that may hold a token. */
function redactedUrl(uri: string): string {
  try {
    const url = new URL(uri);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(unparsable)';
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
