import http from 'node:http';
import * as grpc from '@grpc/grpc-js';
import { httpStatusOf, statusName } from '@presage/errors';
import type { StatusCode } from '@presage/errors';
import type { GrpcCase } from './grpc-requests';
import type { RestCase } from './rest-requests';

/** How one request was answered. */
export interface Outcome {
  /** HTTP status (gRPC answers: the HTTP equivalent of the code). */
  httpStatus: number;
  /** e.g. `400`, `grpc INVALID_ARGUMENT`, `no answer: EPIPE`. */
  summary: string;
  /** The start of the answer, for failure reports. */
  detail: string;
}

const TIMEOUT_MS = 30_000;
const identity = (bytes: Buffer): Buffer => bytes;

/** Sends generated REST and gRPC requests to the gateway; what it answers is the outcome. */
export class FuzzClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private readonly grpcClient: grpc.Client;

  constructor(
    private readonly rest: { host: string; port: number },
    grpcAddress: string,
  ) {
    this.grpcClient = new grpc.Client(grpcAddress, grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': -1,
      'grpc.max_send_message_length': -1,
    });
  }

  sendRest(request: RestCase): Promise<Outcome> {
    return new Promise((resolve) => {
      let req: http.ClientRequest;
      try {
        req = http.request({
          ...this.rest,
          agent: this.agent,
          method: request.method,
          path: request.target,
          headers: {
            ...request.headers,
            ...(request.body ? { 'content-length': String(request.body.length) } : {}),
          },
          timeout: TIMEOUT_MS,
        });
      } catch (error) {
        // Node refused to send it (an invalid header or path): nothing reached the server.
        resolve({ httpStatus: 0, summary: 'not sent', detail: (error as Error).message });
        return;
      }
      req.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < 2000) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          resolve({
            httpStatus: status,
            summary: String(status),
            detail: Buffer.concat(chunks).toString('utf8', 0, 500),
          });
        });
        response.on('error', (error) =>
          resolve({
            httpStatus: response.statusCode ?? 0,
            summary: `${response.statusCode} cut`,
            detail: error.message,
          }),
        );
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
      req.on('error', (error: NodeJS.ErrnoException) =>
        resolve({
          httpStatus: -1,
          summary: `no answer: ${error.code ?? error.message}`,
          detail: error.message,
        }),
      );
      req.end(request.body);
    });
  }

  sendGrpc(request: GrpcCase): Promise<Outcome> {
    return new Promise((resolve) => {
      this.grpcClient.makeUnaryRequest(
        request.method,
        identity,
        identity,
        request.bytes,
        new grpc.Metadata(),
        { deadline: new Date(Date.now() + TIMEOUT_MS) },
        (error, response) => {
          if (!error) {
            resolve({
              httpStatus: 200,
              summary: 'grpc OK',
              detail: response?.subarray(0, 200).toString('utf8') ?? '',
            });
            return;
          }
          const code = error.code as number as StatusCode;
          resolve({
            httpStatus: httpStatusOf(code),
            summary: `grpc ${statusName(code)}`,
            detail: error.details,
          });
        },
      );
    });
  }

  close(): void {
    this.agent.destroy();
    this.grpcClient.close();
  }
}

/**
 * Whether an outcome is a server failure: a 5xx answer (UNIMPLEMENTED, 501, is a deliberate answer:
 * training jobs, for one), or no answer at all. A body over the limit may be cut while it is still being
 * sent, after the 413: that is the limit working, not a failure.
 */
export function isServerFailure(outcome: Outcome, oversize: boolean): boolean {
  if (outcome.summary === 'not sent') return false;
  if (outcome.httpStatus === -1) return !oversize;
  return outcome.httpStatus >= 500 && outcome.httpStatus !== 501;
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
