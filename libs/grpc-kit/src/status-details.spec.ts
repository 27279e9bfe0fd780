import * as grpc from '@grpc/grpc-js';
import { ApiError, StatusCode, errorInfo, resourceInfo, retryInfo } from '@presage/errors';
import type { ErrorDetail } from '@presage/errors';
import { createLogger } from '@presage/log';
import { formatDuration, parseDuration } from './duration';
import { fromServiceError, toServiceError } from './status-details';

function captureLogger(): { logger: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger('test', { level: 'debug', write: (line) => lines.push(line) }), lines };
}

/** What a client sees: the status the server answers, as grpc-js hands it to a client callback. */
function overTheWire(status: Partial<grpc.StatusObject>): grpc.ServiceError {
  return Object.assign(new Error(`${status.code} ${status.details}`), {
    code: status.code!,
    details: status.details!,
    metadata: status.metadata!,
  });
}

describe('status details', () => {
  it('round-trips every detail kind of @presage/errors in proto3 JSON form', () => {
    const details: ErrorDetail[] = [
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [{ field: 'model.name', description: 'required' }],
      },
      errorInfo('ETAG_MISMATCH', { etag: 'abc' }),
      retryInfo(1500),
      resourceInfo('model', 'projects/p/models/m'),
      {
        '@type': 'type.googleapis.com/google.rpc.PreconditionFailure',
        violations: [{ type: 'STATE', subject: 'projects/p/models/m', description: 'has versions' }],
      },
    ];
    const error = new ApiError(StatusCode.FAILED_PRECONDITION, 'cannot', { details });
    const back = fromServiceError(overTheWire(toServiceError(error, captureLogger().logger)));
    expect(back).toBeInstanceOf(ApiError);
    expect({ code: back.code, message: back.message }).toEqual({
      code: StatusCode.FAILED_PRECONDITION,
      message: 'cannot',
    });
    expect(back.details).toEqual(details);
  });

  it('answers INTERNAL with a trace id for anything not an ApiError, and logs the cause under it', () => {
    const { logger, lines } = captureLogger();
    const status = toServiceError(new Error('password=hunter2'), logger);
    expect(status.code).toBe(grpc.status.INTERNAL);
    const traceId = /^Internal error \(trace ([0-9a-f]+)\)$/.exec(status.details ?? '')?.[1];
    expect(traceId).toBeDefined();
    expect(JSON.stringify(status)).not.toContain('hunter2');
    expect(lines.some((line) => line.includes(traceId!) && line.includes('hunter2'))).toBe(true);
  });

  it('turns anything that is not a ServiceError into an ApiError', () => {
    expect(fromServiceError(new Error('boom')).code).toBe(StatusCode.INTERNAL);
    const api = ApiError.unimplemented('no');
    expect(fromServiceError(api)).toBe(api);
  });
});

describe('durations', () => {
  it('parses and formats proto3 JSON durations', () => {
    expect(parseDuration('1.500s')).toEqual({ seconds: '1', nanos: 500_000_000 });
    expect(parseDuration('3s')).toEqual({ seconds: '3', nanos: 0 });
    expect(formatDuration({ seconds: '2', nanos: 0 })).toBe('2.000s');
    expect(formatDuration({ seconds: '0', nanos: 1_500 })).toBe('0.000001500s');
    expect(() => parseDuration('1.5')).toThrow(/"s" suffix/);
  });
});
