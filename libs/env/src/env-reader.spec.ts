import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';
import { isHostPort, withPort } from './host-port';

function problemsOf(read: (reader: EnvReader) => unknown, env: NodeJS.ProcessEnv): string[] {
  const reader = new EnvReader(env);
  read(reader);
  return reader.problems;
}

describe('EnvReader', () => {
  it('gives the defaults for unset and empty variables', () => {
    const reader = new EnvReader({ EMPTY: '' });
    expect(reader.text('EMPTY', 'fallback')).toBe('fallback');
    expect(reader.optionalText('UNSET')).toBeUndefined();
    expect(reader.address('EMPTY', '127.0.0.1:8091')).toBe('127.0.0.1:8091');
    expect(reader.optionalAddress('UNSET')).toBeUndefined();
    expect(reader.integer('EMPTY', { default: 7 })).toBe(7);
    expect(reader.durationMs('UNSET', { default: 1000 })).toBe(1000);
    expect(reader.oneOf('UNSET', ['local', 'kubernetes'], 'local')).toBe('local');
    expect(reader.flag('UNSET', true)).toBe(true);
    expect(reader.url('UNSET', { protocols: ['http'] })).toBeUndefined();
    expect(reader.problems).toEqual([]);
  });

  it('reads host:port addresses with one pattern, IPv6 in brackets', () => {
    const reader = new EnvReader({ A: 'registry.internal:8091', B: '[::]:0', C: '0.0.0.0:65535' });
    expect([reader.address('A', ''), reader.address('B', ''), reader.address('C', '')]).toEqual([
      'registry.internal:8091',
      '[::]:0',
      '0.0.0.0:65535',
    ]);
    for (const bad of ['nowhere', 'host:', ':8080', 'a b:1', 'host:65536', 'http://host:1', ':::8080']) {
      expect(problemsOf((r) => r.address('X', '127.0.0.1:1'), { X: bad })).toEqual([
        `X must be host:port, got "${bad}"`,
      ]);
    }
  });

  it('reads integers, numbers and durations within their bounds, naming the bounds when one is out', () => {
    const reader = new EnvReader({ I: '42', N: '1.5', D: '250', P: '8080' });
    expect(reader.integer('I', { default: 0, min: 1, max: 100 })).toBe(42);
    expect(reader.number('N', { default: 0, min: 0.01, max: 10 })).toBe(1.5);
    expect(reader.durationMs('D', { default: 0, min: 100 })).toBe(250);
    expect(reader.port('P', 0)).toBe(8080);
    const env = { I: 'fast', J: '1.5', K: '0', N: '0', D: '-1', E: '50', P: '70000' };
    expect(
      problemsOf((r) => {
        expect(r.integer('I', { default: 2000, min: 50, max: 60_000 })).toBe(2000);
        r.integer('J', { default: 1, min: 1 });
        r.integer('K', { default: 100, min: 1, what: 'a number of requests' });
        r.number('N', { default: 4, min: 0.01, max: 1000 });
        r.durationMs('D', { default: 60_000 });
        r.durationMs('E', { default: 1000, min: 100 });
        r.port('P', 8080);
      }, env),
    ).toEqual([
      'I must be an integer from 50 to 60000, got "fast"',
      'J must be an integer ≥ 1, got "1.5"',
      'K must be a number of requests ≥ 1, got "0"',
      'N must be a number from 0.01 to 1000, got "0"',
      'D must be a whole number of milliseconds, got "-1"',
      'E must be a whole number of milliseconds ≥ 100, got "50"',
      'P must be a port number from 0 to 65535, got "70000"',
    ]);
  });

  it('reads enums, flags, hosts and URLs, listing the valid choices', () => {
    const reader = new EnvReader({
      M: 'batch',
      F: 'false',
      T: '1',
      H: '10.0.0.7',
      U: 'postgres://u@db:5432/p',
    });
    expect(reader.oneOf('M', ['online', 'batch'], 'online')).toBe('batch');
    expect([reader.flag('F', true), reader.flag('T', false)]).toEqual([false, true]);
    expect(reader.host('H', '127.0.0.1')).toBe('10.0.0.7');
    expect(reader.url('U', { protocols: ['postgres', 'postgresql'] })).toBe('postgres://u@db:5432/p');
    const env = { M: 'cloud', S: 'x', F: 'yes', H: 'a/b', U: 'mysql://x', V: 'ftp://x' };
    expect(
      problemsOf((r) => {
        r.oneOf('M', ['local', 'kubernetes'], 'local');
        r.oneOf('S', ['a', 'b', 'c'], 'a');
        r.flag('F', true);
        r.host('H', '127.0.0.1');
        r.url('U', { protocols: ['postgres', 'postgresql'], what: 'a postgres:// URL' });
        r.url('V', { protocols: ['http', 'https'] });
      }, env),
    ).toEqual([
      'M must be local or kubernetes, got "cloud"',
      'S must be one of a, b, c, got "x"',
      'F must be 1 or 0 (true or false), got "yes"',
      'H must be a host name or IP address, got "a/b"',
      'U must be a postgres:// URL',
      'V must be an http:// or https:// URL',
    ]);
  });

  it('throws one ConfigError listing every problem, its own and those other readers added', () => {
    const problems = ['PRESAGE_OTLP_ENDPOINT must be an OTLP/gRPC endpoint'];
    const reader = new EnvReader({ A: 'nowhere', B: 'x' }, problems);
    reader.address('A', '127.0.0.1:1');
    reader.required('MODEL_DIR', 'MODEL_DIR is required');
    reader.check(false, 'the panic window must not exceed the stable window');
    let error: unknown;
    try {
      reader.finish('gateway');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'Invalid gateway configuration:\n' +
        '  PRESAGE_OTLP_ENDPOINT must be an OTLP/gRPC endpoint\n' +
        '  A must be host:port, got "nowhere"\n' +
        '  MODEL_DIR is required\n' +
        '  the panic window must not exceed the stable window',
    );
    expect((error as ConfigError).problems).toHaveLength(4);
    expect(() => new EnvReader({}).finish('gateway')).not.toThrow();
  });
});

describe('host:port helpers', () => {
  it('checks the port range and swaps in a bound port', () => {
    expect(isHostPort('127.0.0.1:65535')).toBe(true);
    expect(isHostPort('127.0.0.1:65536')).toBe(false);
    expect(withPort('127.0.0.1:0', 40125)).toBe('127.0.0.1:40125');
    expect(withPort('[::]:0', 8500)).toBe('[::]:8500');
  });
});
