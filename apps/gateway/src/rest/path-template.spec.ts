import {
  TemplateSyntaxError,
  compareSpecificity,
  matchPathTemplate,
  parsePathTemplate,
} from './path-template';

const match = (template: string, path: string): Record<string, string> | undefined => {
  const bindings = matchPathTemplate(parsePathTemplate(template), path);
  return bindings && Object.fromEntries(bindings);
};

describe('parsePathTemplate', () => {
  it('parses literals, variables with sub-patterns and a custom verb', () => {
    const t = parsePathTemplate('/v1/{name=projects/*/models/*/versions/*}:setDefault');
    expect(t.verb).toBe('setDefault');
    expect(t.segments.map((s) => (s.kind === 'literal' ? s.value : s.kind))).toEqual([
      'v1',
      'projects',
      'wildcard',
      'models',
      'wildcard',
      'versions',
      'wildcard',
    ]);
    expect(t.variables).toEqual([{ fieldPath: 'name', start: 1, end: 7 }]);
  });

  it('treats {var} as {var=*} and accepts nested field paths', () => {
    const t = parsePathTemplate('/v1/{model.name}/x');
    expect(t.variables).toEqual([{ fieldPath: 'model.name', start: 1, end: 2 }]);
    expect(t.segments[1]).toEqual({ kind: 'wildcard' });
  });

  it.each([
    ['v1/x', 'must start'],
    ['/v1/{name', 'unbalanced'],
    ['/v1/{na-me}', 'bad field path'],
    ['/v1/{a}/{a}', 'bound twice'],
    ['/v1/**/x/**', 'only once'],
    ['/v1//x', 'bad segment'],
    ['/v1/{a={b}}', 'unbalanced'],
  ])('rejects %s', (source, problem) => {
    expect(() => parsePathTemplate(source)).toThrow(TemplateSyntaxError);
    expect(() => parsePathTemplate(source)).toThrow(problem);
  });
});

describe('matchPathTemplate', () => {
  it('binds single- and multi-segment variables', () => {
    expect(match('/v1/{parent=projects/*}/models', '/v1/projects/p1/models')).toEqual({
      parent: 'projects/p1',
    });
    expect(match('/v1/{name=projects/*/models/*}', '/v1/projects/p/models/m')).toEqual({
      name: 'projects/p/models/m',
    });
    expect(match('/v1/{a}/{b}', '/v1/x/y')).toEqual({ a: 'x', b: 'y' });
  });

  it('does not match a different number of segments or different literals', () => {
    expect(match('/v1/{name=projects/*/models/*}', '/v1/projects/p/models/m/versions')).toBeUndefined();
    expect(match('/v1/{name=projects/*/models/*}', '/v1/projects/p/jobs/j')).toBeUndefined();
    expect(match('/v1/{name=projects/*/models/*}', '/v2/projects/p/models/m')).toBeUndefined();
  });

  it('requires the custom verb when the template has one, and only then', () => {
    expect(
      match(
        '/v1/{name=projects/*/models/*/versions/*}:setDefault',
        '/v1/projects/p/models/m/versions/v:setDefault',
      ),
    ).toEqual({
      name: 'projects/p/models/m/versions/v',
    });
    expect(
      match('/v1/{name=projects/*/models/*/versions/*}:setDefault', '/v1/projects/p/models/m/versions/v'),
    ).toBeUndefined();
    expect(match('/v1/{name=projects/*/jobs/*}:cancel', '/v1/projects/p/jobs/j:setDefault')).toBeUndefined();
  });

  it('matches ** across any number of segments, before a verb', () => {
    const t = '/v1/{name=projects/**}:predict';
    expect(match(t, '/v1/projects/p/models/m:predict')).toEqual({ name: 'projects/p/models/m' });
    expect(match(t, '/v1/projects/p/models/m/versions/v:predict')).toEqual({
      name: 'projects/p/models/m/versions/v',
    });
    expect(match(t, '/v1/projects:predict')).toEqual({ name: 'projects' });
    expect(match(t, '/v1/projects/p/models/m')).toBeUndefined();
  });

  it('matches ** followed by more literals', () => {
    expect(match('/v1/{name=a/**}/end', '/v1/a/b/c/end')).toEqual({ name: 'a/b/c' });
    expect(match('/v1/{name=a/**}/end', '/v1/a/end')).toEqual({ name: 'a' });
  });

  it('percent-decodes single-segment values fully and keeps %2F inside multi-segment ones', () => {
    expect(match('/v1/{a}', '/v1/hello%20world%2Fx')).toEqual({ a: 'hello world/x' });
    expect(match('/v1/{name=projects/*/models/*}', '/v1/projects/my%20p/models/m%2Fx')).toEqual({
      name: 'projects/my p/models/m%2Fx',
    });
    expect(match('/v1/projects/{p}', '/v1/proj%65cts/x')).toEqual({ p: 'x' });
  });

  it('rejects empty segments for * and malformed escapes', () => {
    expect(match('/v1/{name=projects/*}', '/v1/projects/')).toBeUndefined();
    expect(match('/v1/{a}', '/v1/%E0%A4%A')).toBeUndefined();
  });
});

describe('compareSpecificity', () => {
  const sorted = (...sources: string[]): string[] =>
    sources
      .map(parsePathTemplate)
      .sort(compareSpecificity)
      .map((t) => t.source);

  it('puts literals before wildcards and wildcards before **', () => {
    expect(sorted('/v1/{name=projects/**}:predict', '/v1/{name=projects/*/models/*}')).toEqual([
      '/v1/{name=projects/*/models/*}',
      '/v1/{name=projects/**}:predict',
    ]);
    expect(sorted('/v1/{a}/x', '/v1/y/x')).toEqual(['/v1/y/x', '/v1/{a}/x']);
  });

  it('prefers a verb, then the longer template', () => {
    expect(sorted('/v1/{a}', '/v1/{a}:do')).toEqual(['/v1/{a}:do', '/v1/{a}']);
    expect(sorted('/v1/{name=projects/*/models/*}', '/v1/{parent=projects/*/models/*}/versions')).toEqual([
      '/v1/{parent=projects/*/models/*}/versions',
      '/v1/{name=projects/*/models/*}',
    ]);
  });
});
