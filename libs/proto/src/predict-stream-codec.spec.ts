import { decodeMessage, encodeMessage } from './codec';
import {
  decodePredictStreamRequest,
  decodePredictStreamResponse,
  encodePredictStreamRequest,
  encodePredictStreamResponse,
} from './predict-stream-codec';

const REQUEST = 'presage.internal.v1.PredictStreamRequest';
const RESPONSE = 'presage.internal.v1.PredictStreamResponse';

describe('the PredictStream codec', () => {
  const request = {
    predicts: [
      { id: 1, body: Buffer.from('{"instances":[[1,2]]}'), timeoutMs: 60_000, traceparent: '' },
      { id: 4_294_967_295, body: Buffer.alloc(0), timeoutMs: 0, traceparent: '00-abc-def-01' },
      { id: 0, body: Buffer.from([0, 255, 10]), timeoutMs: 1, traceparent: '' },
    ],
    cancelledIds: [7, 0, 300_000],
  };
  const response = {
    answers: [
      { id: 1, code: 0, body: Buffer.from('{"predictions":[3]}'), httpStatus: 200, message: '' },
      { id: 2, code: 4, body: Buffer.alloc(0), httpStatus: 0, message: 'deadline passed while queued' },
      { id: 3, code: 0, body: Buffer.from('{"error":"x"}'), httpStatus: 400, message: '' },
    ],
  };

  it('writes what the generic codec reads, and reads what it writes', () => {
    expect(decodeMessage(REQUEST, encodePredictStreamRequest(request))).toEqual(request);
    expect(decodePredictStreamRequest(encodeMessage(REQUEST, request))).toEqual(request);
    expect(decodeMessage(RESPONSE, encodePredictStreamResponse(response))).toEqual(response);
    expect(decodePredictStreamResponse(encodeMessage(RESPONSE, response))).toEqual(response);
  });

  it('reads empty messages, unpacked ids and unknown fields', () => {
    expect(decodePredictStreamRequest(Buffer.alloc(0))).toEqual({ predicts: [], cancelledIds: [] });
    expect(decodePredictStreamResponse(Buffer.alloc(0))).toEqual({ answers: [] });
    // cancelled_ids unpacked (field 2, varint) twice, then an unknown field 9 (varint 5).
    expect(decodePredictStreamRequest(Buffer.from([0x10, 0x03, 0x10, 0x04, 0x48, 0x05]))).toEqual({
      predicts: [],
      cancelledIds: [3, 4],
    });
  });

  it('refuses truncated bytes with an error (the server answers INVALID_ARGUMENT)', () => {
    const bytes = encodePredictStreamRequest(request);
    expect(() => decodePredictStreamRequest(bytes.subarray(0, bytes.length - 3))).toThrow();
  });
});
