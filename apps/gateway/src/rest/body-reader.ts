import type { IncomingMessage } from 'node:http';
import { ApiError, StatusCode, badRequest } from '@presage/errors';

/** Thrown when a body is larger than the limit; the server stops reading and closes the connection. */
export class BodyTooLargeError extends ApiError {
  constructor(limitBytes: number) {
    const description = `The request body is larger than the limit of ${limitBytes} bytes (${formatSize(limitBytes)}); send fewer instances per request or raise PRESAGE_MAX_BODY_BYTES.`;
    super(StatusCode.INVALID_ARGUMENT, description, { details: [badRequest([{ field: '', description }])] });
  }
}

/**
 * Reads the whole body, refusing (BodyTooLargeError) as soon as Content-Length or the bytes received
 * exceed `limitBytes`: nothing past the limit is kept in memory.
 */
export function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes)
    return Promise.reject(new BodyTooLargeError(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        chunks.length = 0;
        reject(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(new ApiError(StatusCode.CANCELLED, 'The request body could not be read', { cause: error }));
    };
    const cleanup = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
