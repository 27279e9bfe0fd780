import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers a Prometheus scrape on any node:http server. */
export type MetricsHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface MetricsServer {
  /** host:port it listens on (port 0 → the port it got). */
  address: string;
  close(): Promise<void>;
}

/** `host:port` → its parts; `[::1]:9464` and `::1:9464` both give host `::1`. */
export function splitAddress(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  const port = Number(address.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`a metrics address must be host:port, got "${address}"`);
  }
  return { host, port };
}

/** An HTTP server answering `GET /metrics` with `handler` and 404 elsewhere. */
export async function startMetricsServer(address: string, handler: MetricsHandler): Promise<MetricsServer> {
  const { host, port } = splitAddress(address);
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/metrics' && (request.method === 'GET' || request.method === 'HEAD')) {
      handler(request, response);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('Not found: metrics are at GET /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    address: `${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
