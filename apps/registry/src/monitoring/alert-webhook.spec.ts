import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@presage/log';
import { waitFor } from '@presage/testing';
import { AlertWebhook, signatureOf } from './alert-webhook';

interface Received {
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** A receiver answering each request with the next status of `statuses` (the last one repeats). */
async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString(), headers: request.headers });
      response.writeHead(statuses[Math.min(received.length, statuses.length) - 1]!).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const logger = createLogger('test', { level: 'error' });

describe('AlertWebhook', () => {
  it('signs the body and retries a 5xx with the same delivery id until it is accepted', async () => {
    const hook = await receiver([500, 503, 200]);
    const webhook = new AlertWebhook({ logger, firstRetryDelayMs: 20 });
    webhook.send(hook.url, 'key', { alert: 1 });
    await waitFor(() => hook.received.length === 3, { timeoutMs: 5_000, description: 'three tries' });
    await webhook.stop();
    const ids = new Set(hook.received.map((r) => r.headers['x-presage-delivery']));
    expect(ids.size).toBe(1);
    expect(hook.received[2]!.body).toBe('{"alert":1}');
    expect(hook.received[2]!.headers['x-presage-signature']).toBe(signatureOf('key', '{"alert":1}'));
    await hook.close();
  });

  it('gives up after a 4xx other than 408 and 429, and after the last try', async () => {
    const refused = await receiver([400]);
    const failing = await receiver([500]);
    const webhook = new AlertWebhook({ logger, firstRetryDelayMs: 10, attempts: 3 });
    webhook.send(refused.url, '', { a: 1 });
    webhook.send(failing.url, '', { a: 2 });
    await waitFor(() => failing.received.length === 3, { timeoutMs: 5_000, description: 'three tries' });
    await webhook.stop();
    expect(refused.received).toHaveLength(1);
    expect(refused.received[0]!.headers['x-presage-signature']).toBeUndefined();
    expect(failing.received).toHaveLength(3);
    await refused.close();
    await failing.close();
  });

  it('sends nothing to a host outside allowedHosts', async () => {
    const hook = await receiver([200]);
    const allowed = new AlertWebhook({ logger, allowedHosts: ['127.0.0.1'] });
    const refused = new AlertWebhook({ logger, allowedHosts: ['hooks.example.com'] });
    refused.send(hook.url, '', { a: 1 });
    allowed.send(hook.url, '', { a: 2 });
    await waitFor(() => hook.received.length === 1, { timeoutMs: 5_000, description: 'the allowed alert' });
    await Promise.all([allowed.stop(), refused.stop()]);
    expect(hook.received.map((r) => r.body)).toEqual(['{"a":2}']);
    await hook.close();
  });

  it('stops retrying when stopped', async () => {
    const hook = await receiver([503]);
    const webhook = new AlertWebhook({ logger, firstRetryDelayMs: 60_000 });
    webhook.send(hook.url, '', {});
    await waitFor(() => hook.received.length === 1, { timeoutMs: 5_000, description: 'the first try' });
    const started = Date.now();
    await webhook.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(hook.received).toHaveLength(1);
    await hook.close();
  });
});
