import { ApiError } from '@presage/errors';
import { buildRequestMessage } from './request-message';
import { createRouteTable } from './route-table';

const routes = createRouteTable([
  'presage.v1.ModelService',
  'presage.v1.Operations',
  'presage.v1.OnlinePredictionService',
]);

function build(method: string, url: string, body = ''): Record<string, unknown> {
  const [path, search] = url.split('?');
  const match = routes.match(method, path!);
  if (match.kind !== 'found') throw new Error(`no route for ${method} ${url}`);
  return buildRequestMessage(match.route, {
    bindings: match.bindings,
    query: new URLSearchParams(search ?? ''),
    body: Buffer.from(body),
    contentType: 'application/json',
  });
}

function failure(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('buildRequestMessage', () => {
  it('puts a body bound to a field into that field, path variables beside it', () => {
    expect(build('POST', '/v1/projects/p/models', '{"name":"m","labels":{"a":"b"}}')).toEqual({
      parent: 'projects/p',
      model: { name: 'm', labels: { a: 'b' } },
    });
  });

  it('reads the other fields from the query string, with numbers, masks and standard parameters', () => {
    expect(
      build(
        'GET',
        '/v1/projects/p/models?pageSize=5&page_token=t&filter=name%3Am*&alt=json&prettyPrint=false&%24.xgafv=2&key=k',
      ),
    ).toEqual({
      parent: 'projects/p',
      pageSize: 5,
      pageToken: 't',
      filter: 'name:m*',
    });
    expect(
      build('PATCH', '/v1/projects/p/models/m?updateMask=description,labels', '{"description":"d"}'),
    ).toEqual({
      name: 'projects/p/models/m',
      model: { description: 'd' },
      updateMask: { paths: ['description', 'labels'] },
    });
  });

  it('reads query parameters in either case, percent- and plus-decoded', () => {
    // ListOperations has no nested message fields; UpdateModel's mask is a message set from one string.
    expect(build('GET', '/v1/projects/p/operations?filter=done%3Dtrue&pageSize=2')).toMatchObject({
      name: 'projects/p',
      filter: 'done=true',
      pageSize: 2,
    });
    expect(build('GET', '/v1/projects/p/models/m/versions?page_size=3&pageToken=a%2Bb+c')).toEqual({
      parent: 'projects/p/models/m',
      pageSize: 3,
      pageToken: 'a+b c',
    });
  });

  it('takes the whole body for body "*", an empty body being {}', () => {
    expect(build('POST', '/v1/projects/p/models/m/versions/v:setDefault', '')).toEqual({
      name: 'projects/p/models/m/versions/v',
    });
    expect(build('POST', '/v1/projects/p/models/m/versions/v:setDefault', '{}')).toEqual({
      name: 'projects/p/models/m/versions/v',
    });
  });

  it('puts the raw body of a predict call into its HttpBody field without parsing it', () => {
    const message = build('POST', '/v1/projects/p/models/m:predict', '{"instances": [1, 2], "extra": true}');
    expect(message['name']).toBe('projects/p/models/m');
    expect(message['httpBody']).toEqual({
      contentType: 'application/json',
      data: Buffer.from('{"instances": [1, 2], "extra": true}'),
      extensions: [],
    });
  });

  it.each([
    ['GET', '/v1/projects/p/models?bogus=1', '', 'bogus'],
    ['GET', '/v1/projects/p/models?pageSize=many', '', 'pageSize'],
    ['GET', '/v1/projects/p/models?parent=projects/q', '', 'parent'],
    ['PATCH', '/v1/projects/p/models/m?model.description=x', '{}', 'model.description'],
    ['POST', '/v1/projects/p/models', '{"name":"m","colour":"red"}', 'model.colour'],
    ['POST', '/v1/projects/p/models', '{"name":5}', 'model.name'],
  ])('rejects %s %s naming %s', (method, url, body, field) => {
    const error = failure(() => build(method, url, body));
    expect(error.status).toBe('INVALID_ARGUMENT');
    expect(error.details).toEqual([
      expect.objectContaining({ fieldViolations: [expect.objectContaining({ field })] }),
    ]);
  });

  it('rejects a body that is not JSON with a clear message', () => {
    const error = failure(() => build('POST', '/v1/projects/p/models', 'name=m'));
    expect(error.status).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/^Invalid JSON payload received. The request body is not valid JSON/);
  });

  it('refuses a body nested deeper than MAX_JSON_DEPTH before walking it', () => {
    const deep = `{"name": "m", "labels": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const error = failure(() => build('POST', '/v1/projects/p/models', deep));
    expect(error.status).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('more than 100 levels deep');
    const shallow = failure(() =>
      build('POST', '/v1/projects/p/models', `{"labels": ${'['.repeat(50)}${']'.repeat(50)}}`),
    );
    expect(shallow.message).toContain('expected a JSON object (map)');
  });

  it('keeps query keys such as __proto__ off every object prototype', () => {
    for (const key of ['__proto__.polluted', 'constructor.prototype.polluted', 'filter.__proto__.polluted']) {
      const error = failure(() => build('GET', `/v1/projects/p/models?${encodeURIComponent(key)}=1`));
      expect(error.status).toBe('INVALID_ARGUMENT');
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
