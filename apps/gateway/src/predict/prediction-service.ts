import { ApiError } from '@presage/errors';
import { HTTP_STATUS, SERVED_VERSION, remainingMs } from '../method-table';
import type { HttpBodyReply, MethodInvoker } from '../method-table';
import type { PredictRouter } from './predict-router';

export const PREDICT_METHOD = '/presage.v1.OnlinePredictionService/Predict';

interface PredictRequestObject {
  name?: unknown;
  httpBody?: { data?: unknown } | null;
}

/**
 * OnlinePredictionService.Predict for both fronts: the raw JSON body goes to a replica untouched, and
 * its answer comes back as an HttpBody carrying the predictor's HTTP status for REST and the version that
 * answered (both fronts).
 */
export function createPredictInvoker(router: PredictRouter, defaultDeadlineMs = 60_000): MethodInvoker {
  return async (request, call) => {
    const { name, httpBody } = request as PredictRequestObject;
    if (typeof name !== 'string' || name === '') {
      throw ApiError.invalidArgument({ field: 'name', description: 'a model or version name is required' });
    }
    const data = httpBody?.data;
    const body = Buffer.isBuffer(data)
      ? data
      : data instanceof Uint8Array
        ? Buffer.from(data)
        : Buffer.alloc(0);
    if (body.length === 0) {
      throw ApiError.invalidArgument({
        field: 'http_body',
        description: 'the request body is empty: send {"instances": [...]}',
      });
    }
    const outcome = await router.predict(name, body, {
      deadlineMs: remainingMs(call, defaultDeadlineMs),
      signal: call.signal,
      trace: call.trace,
      routingKey: call.routingKey,
      actor: call.actor,
    });
    const reply: HttpBodyReply = { contentType: 'application/json', data: outcome.body, extensions: [] };
    reply[HTTP_STATUS] = outcome.httpStatus;
    reply[SERVED_VERSION] = outcome.version;
    return reply;
  };
}
