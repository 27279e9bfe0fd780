import type { Meter } from '@opentelemetry/api';
import {
  ATTR_RPC_METHOD,
  ATTR_RPC_STATUS_CODE,
  ATTR_RPC_SYSTEM_NAME,
  METRIC_RPC_SERVER_CALL_DURATION,
  RPC_SYSTEM_NAME_VALUE_GRPC,
} from '@opentelemetry/semantic-conventions';
import { LATENCY_BUCKETS_S } from './latency-buckets';

/** An answered gRPC call, as grpc-kit's server reports it (its `onCallFinished`). */
export interface RpcCall {
  /** `/package.Service/Method`. */
  method: string;
  /** The status name: `OK`, `NOT_FOUND`, ... */
  status: string;
  seconds: number;
}

/**
 * `rpc.server.call.duration` (seconds; its count is the call count) by method and status, as the
 * OpenTelemetry RPC conventions name them. Pass the result to a grpc-kit server's `onCallFinished`.
 */
export function rpcServerMetrics(meter: Meter): (call: RpcCall) => void {
  const duration = meter.createHistogram(METRIC_RPC_SERVER_CALL_DURATION, {
    unit: 's',
    description: 'Duration of gRPC calls this server answered',
    advice: { explicitBucketBoundaries: [...LATENCY_BUCKETS_S] },
  });
  return (call) =>
    duration.record(call.seconds, {
      [ATTR_RPC_SYSTEM_NAME]: RPC_SYSTEM_NAME_VALUE_GRPC,
      [ATTR_RPC_METHOD]: call.method.replace(/^\//, ''),
      [ATTR_RPC_STATUS_CODE]: call.status,
    });
}
