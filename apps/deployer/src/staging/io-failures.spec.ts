import { fetchFailure, fileFailure, firstLine, isTransientStatus } from './io-failures';
import { StagingError } from './staging-error';

/** An error as Node's fs functions throw it. */
function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: something, open '/models/m/model.onnx'`), { code });
}

describe('fileFailure', () => {
  it.each([
    [
      'EACCES',
      false,
      /^The deployer cannot read deploymentUri \/m: permission denied\. Make it readable by the user/,
    ],
    ['EPERM', false, /permission denied/],
    ['ELOOP', false, /is a loop of symbolic links/],
    [
      'EMFILE',
      true,
      /^The deployer could not read deploymentUri \/m: the deployer has too many files open \(EMFILE\)\.$/,
    ],
    ['ENFILE', true, /ENFILE/],
    ['EAGAIN', true, /EAGAIN/],
    ['ENOSPC', true, /^The deployer's disk is full \(ENOSPC\) while copying deploymentUri \/m: free space/],
    ['EWHATEVER', true, /^The deployer could not read deploymentUri \/m: EWHATEVER: EWHATEVER: something/],
  ])('makes %s a StagingError (transient: %s) that says what to do', (code, transient, message) => {
    const error = fileFailure(errno(code), 'deploymentUri /m');
    expect(error).toBeInstanceOf(StagingError);
    expect(error.transient).toBe(transient);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/\n|\s+at \S+ \(/);
  });

  it('keeps a StagingError as it is', () => {
    const original = new StagingError('already said', { transient: true });
    expect(fileFailure(original, 'x')).toBe(original);
  });
});

describe('fetchFailure', () => {
  const url = new URL('http://models.example:8000/m/model.onnx');
  const failed = (code: string) =>
    Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });

  it.each([
    ['ECONNREFUSED', true, 'connection refused'],
    ['EAI_AGAIN', true, 'the DNS lookup failed for now'],
    ['EHOSTUNREACH', true, 'the host is unreachable'],
    ['UND_ERR_SOCKET', true, 'the connection was closed'],
  ])('makes %s transient', (code, transient, reason) => {
    const error = fetchFailure(failed(code), url);
    expect(error.transient).toBe(transient);
    expect(error.message).toBe(`Cannot download ${url.href}: ${reason}.`);
  });

  it.each([
    ['ENOTFOUND', /the host models\.example does not resolve/],
    ['CERT_HAS_EXPIRED', /the TLS certificate of models\.example:8000 is not trusted \(CERT_HAS_EXPIRED\)/],
  ])('makes %s permanent', (code, message) => {
    const error = fetchFailure(failed(code), url);
    expect(error.transient).toBe(false);
    expect(error.message).toMatch(message);
  });
});

describe('isTransientStatus', () => {
  it('retries 5xx, 408, 425 and 429 only', () => {
    expect([500, 502, 503, 504, 408, 425, 429].map(isTransientStatus)).toEqual(Array(7).fill(true));
    expect([400, 401, 403, 404, 410].map(isTransientStatus)).toEqual(Array(5).fill(false));
  });
});

describe('firstLine', () => {
  it('drops the stack and caps the length', () => {
    const error = new Error(`boom\n    at x (y.js:1:1)`);
    expect(firstLine(error)).toBe('boom');
    expect(firstLine('z'.repeat(400))).toHaveLength(301);
  });
});
