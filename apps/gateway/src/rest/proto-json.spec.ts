import type { ApiError } from '@presage/errors';
import { decodeMessage, encodeMessage, packAny } from '@presage/proto';
import { JsonMappingError } from './json-mapping-error';
import { messageFromJson, messageToJson } from './proto-json';
import { structFromJson, structToJson, valueToJson } from './well-known-json';

/** JSON → loader object → wire → loader object (as a gRPC client decodes it) → JSON. */
function roundTrip(typeName: string, json: unknown): unknown {
  const parsed = messageFromJson(typeName, json);
  const decoded = decodeMessage<Record<string, unknown>>(typeName, encodeMessage(typeName, parsed));
  return messageToJson(typeName, decoded);
}

function mappingError(run: () => unknown): JsonMappingError {
  try {
    run();
  } catch (error) {
    if (error instanceof JsonMappingError) return error;
    throw error;
  }
  throw new Error('expected a JsonMappingError');
}

const VERSION_JSON = {
  name: 'projects/p/models/m/versions/v1',
  description: 'first',
  isDefault: true,
  deploymentUri: 'file:///models/m',
  createTime: '2020-12-14T08:34:36Z',
  lastUseTime: '2020-12-14T08:34:36.120Z',
  autoScaling: { minNodes: 1, maxNodes: 3, metrics: [{ name: 'CPU_USAGE', target: 60 }] },
  state: 'READY',
  framework: 'ONNX',
  acceleratorConfig: { count: '2', type: 'T4' },
  labels: { team: 'ml', env: 'prod' },
  etag: 'BlXqEgx9VQg=',
  signature: { inputs: [{ name: 'x', dtype: 'float32', shape: ['-1', '4'] }] },
  lineage: { evaluationMetrics: { accuracy: 0.5 }, trainTime: '2021-01-01T00:00:00.000001Z' },
};

describe('proto3 JSON golden round trips', () => {
  it('keeps a full Version as written', () => {
    expect(roundTrip('presage.v1.Version', VERSION_JSON)).toEqual(VERSION_JSON);
  });

  it('omits default values, so an empty list is {}', () => {
    expect(roundTrip('presage.v1.ListModelsResponse', { models: [], nextPageToken: '' })).toEqual({});
    expect(
      roundTrip('presage.v1.Version', { state: 'UNKNOWN', isDefault: false, labels: {}, etag: '' }),
    ).toEqual({});
  });

  it('writes the loader objects a gRPC client receives', () => {
    const parsed = messageFromJson('presage.v1.Version', VERSION_JSON);
    expect(parsed).toMatchObject({
      isDefault: true,
      createTime: { seconds: '1607934876', nanos: 0 },
      lastUseTime: { seconds: '1607934876', nanos: 120_000_000 },
      state: 'READY',
      acceleratorConfig: { count: '2' },
      etag: Buffer.from('BlXqEgx9VQg=', 'base64'),
      signature: { inputs: [{ shape: ['-1', '4'] }] },
    });
  });

  it('packs and unpacks Any with @type, message fields inline', () => {
    const operation = {
      name: 'projects/p/operations/create_m_v1-1',
      metadata: {
        '@type': 'type.googleapis.com/presage.v1.OperationMetadata',
        createTime: '2020-12-14T08:34:36Z',
        operationType: 'CREATE_VERSION',
        modelName: 'projects/p/models/m',
        version: { name: 'projects/p/models/m/versions/v1', state: 'CREATING' },
        projectNumber: '42',
      },
    };
    expect(roundTrip('google.longrunning.Operation', operation)).toEqual(operation);
    const parsed = messageFromJson('google.longrunning.Operation', operation);
    expect((parsed['metadata'] as { type_url: string }).type_url).toBe(
      'type.googleapis.com/presage.v1.OperationMetadata',
    );
  });

  it('writes the oneof member that is set, even with a default value, and an Empty response', () => {
    const done = {
      name: 'projects/p/operations/o',
      done: true,
      response: { '@type': 'type.googleapis.com/google.protobuf.Empty' },
    };
    expect(roundTrip('google.longrunning.Operation', done)).toEqual(done);
    const failed = { name: 'o', done: true, error: { code: 9, message: 'bad artifacts' } };
    expect(roundTrip('google.longrunning.Operation', failed)).toEqual(failed);
    expect(roundTrip('presage.v1.PredictionInput', { modelName: '', dataFormat: 'JSON' })).toEqual({
      modelName: '',
      dataFormat: 'JSON',
    });
    expect(messageToJson('google.protobuf.Empty', {})).toEqual({});
  });

  it('writes Any payloads decoded by the loader (packAny form)', () => {
    const any = packAny('presage.v1.Version', { name: 'v', state: 'FAILED' });
    expect(
      messageToJson('google.longrunning.Operation', {
        name: 'o',
        done: true,
        response: any,
        result: 'response',
      }),
    ).toEqual({
      name: 'o',
      done: true,
      response: { '@type': 'type.googleapis.com/presage.v1.Version', name: 'v', state: 'FAILED' },
    });
  });

  it('maps FieldMask between camelCase JSON and snake_case paths', () => {
    const parsed = messageFromJson('presage.v1.UpdateModelRequest', {
      updateMask: 'description,labels,defaultVersion.name',
    });
    expect(parsed['updateMask']).toEqual({ paths: ['description', 'labels', 'default_version.name'] });
    expect(
      roundTrip('presage.v1.UpdateModelRequest', { updateMask: 'description,onlinePredictionLogging' }),
    ).toEqual({
      updateMask: 'description,onlinePredictionLogging',
    });
  });

  it('maps Struct, Value and ListValue to plain JSON and back (no Presage message uses them yet)', () => {
    const json = { a: 1, b: [true, null, 'x'], c: { d: 'e' } };
    const struct = structFromJson(json, '');
    expect(struct.fields['b']).toEqual({
      listValue: { values: [{ boolValue: true }, { nullValue: 'NULL_VALUE' }, { stringValue: 'x' }] },
    });
    expect(structToJson(struct as never)).toEqual(json);
    expect(valueToJson({ kind: 'numberValue', numberValue: 0, stringValue: '' })).toBe(0);
  });

  it('round-trips Duration and Timestamp as well-known Any values', () => {
    const duration = { '@type': 'type.googleapis.com/google.protobuf.Duration', value: '1.500s' };
    expect(roundTrip('google.longrunning.Operation', { name: 'o', metadata: duration })).toEqual({
      name: 'o',
      metadata: duration,
    });
    const parsed = messageFromJson('google.longrunning.Operation', {
      metadata: { '@type': 'type.googleapis.com/google.protobuf.Duration', value: '1.5s' },
    });
    expect(
      decodeMessage('google.protobuf.Duration', (parsed['metadata'] as { value: Buffer }).value),
    ).toEqual({ seconds: '1', nanos: 500_000_000 });
  });
});

describe('proto3 JSON input', () => {
  it('accepts snake_case names, enum numbers, int64 numbers and URL-safe base64', () => {
    const parsed = messageFromJson('presage.v1.Version', {
      deployment_uri: 'u',
      state: 2,
      accelerator_config: { count: 3 },
      etag: '-_8=',
    });
    expect(parsed).toMatchObject({
      deploymentUri: 'u',
      state: 'CREATING',
      acceleratorConfig: { count: '3' },
      etag: Buffer.from([0xfb, 0xff]),
    });
  });

  it('accepts RFC 3339 offsets and fractions', () => {
    const parsed = messageFromJson('presage.v1.Model', { createTime: '2020-12-14T09:34:36.5+01:00' });
    expect(parsed['createTime']).toEqual({ seconds: '1607934876', nanos: 500_000_000 });
  });

  it('treats null as unset', () => {
    expect(messageFromJson('presage.v1.Model', { description: null, labels: null })).toEqual({});
  });

  it.each([
    [{ nme: 'x' }, 'nme', 'Unknown name "nme"'],
    [{ labels: { a: 1 } }, 'labels.a', 'expected a string'],
    [{ regions: 'us' }, 'regions', 'expected a JSON array'],
    [{ onlinePredictionLogging: 'yes' }, 'onlinePredictionLogging', 'expected true or false'],
    [{ createTime: 'yesterday' }, 'createTime', 'RFC 3339'],
    [{ defaultVersion: { state: 'SLEEPY' } }, 'defaultVersion.state', 'valid values: UNKNOWN, READY'],
    [
      { defaultVersion: { acceleratorConfig: { count: 1.5 } } },
      'defaultVersion.acceleratorConfig.count',
      'expected an integer',
    ],
    [
      { defaultVersion: { manualScaling: { nodes: 3_000_000_000 } } },
      'defaultVersion.manualScaling.nodes',
      'out of range',
    ],
    [
      { defaultVersion: { acceleratorConfig: { count: -1e308 } } },
      'defaultVersion.acceleratorConfig.count',
      'out of range for int64',
    ],
    [{ etag: 'not base64!' }, 'etag', 'base64'],
    [{ defaultVersion: [] }, 'defaultVersion', 'expected a JSON object'],
    [JSON.parse('{"__proto__": {"x": 1}}') as object, '__proto__', 'Unknown name "__proto__"'],
    [{ constructor: 'x' }, 'constructor', 'Unknown name "constructor"'],
  ])('rejects %j naming %s', (json, field, problem) => {
    const error = mappingError(() => messageFromJson('presage.v1.Model', json));
    expect(error.path).toBe(field);
    expect(error.message).toContain(problem);
    const apiError: ApiError = error.toApiError();
    expect(apiError.toJSON(400).error).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
      details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field }] }],
    });
  });

  it('rejects two members of one oneof', () => {
    const error = mappingError(() =>
      messageFromJson('presage.v1.PredictionInput', { modelName: 'a', versionName: 'b' }),
    );
    expect(error.message).toContain('oneof "modelVersion"');
  });

  it('rejects an Any of an unknown type', () => {
    const error = mappingError(() =>
      messageFromJson('google.longrunning.Operation', {
        metadata: { '@type': 'type.googleapis.com/x.Nope' },
      }),
    );
    expect(error.path).toBe('metadata.@type');
  });
});
