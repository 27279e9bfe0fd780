import type * as grpc from '@grpc/grpc-js';
import { StatusCode } from '@presage/errors';
import { UndecodableRequest } from './request-checks';

type ServerStreamCall = grpc.ServerWritableStream<unknown, unknown>;

/**
 * The server-streaming calls a server has open: a request that did not decode is answered
 * INVALID_ARGUMENT before its handler runs, and shutdown ends the calls still open (a watch never ends
 * by itself, so the graceful shutdown would otherwise wait for its whole grace period).
 */
export class ServerStreams {
  private readonly open = new Set<ServerStreamCall>();

  track(
    handler: grpc.handleServerStreamingCall<unknown, unknown>,
  ): grpc.handleServerStreamingCall<unknown, unknown> {
    return (call) => {
      if (call.request instanceof UndecodableRequest) {
        call.emit('error', {
          code: StatusCode.INVALID_ARGUMENT as number,
          details: call.request.description,
        });
        return;
      }
      this.open.add(call);
      const forget = (): void => void this.open.delete(call);
      call.on('cancelled', forget);
      call.on('finish', forget);
      call.on('error', forget);
      handler(call);
    };
  }

  /** Ends every open call UNAVAILABLE with `message`. */
  endAll(message: string): void {
    for (const call of [...this.open]) {
      this.open.delete(call);
      call.emit('error', { code: StatusCode.UNAVAILABLE as number as grpc.status, details: message });
    }
  }
}
