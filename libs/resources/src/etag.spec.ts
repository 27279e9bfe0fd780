import { ApiError, StatusCode } from '@presage/errors';
import { checkEtag, newEtag } from './etag';

describe('etags', () => {
  it('accepts the stored etag or none, and refuses another as ABORTED ETAG_MISMATCH', () => {
    const current = newEtag();
    expect(current).toMatch(/^[0-9a-f]{16}$/);
    expect(() => checkEtag(Buffer.from(current, 'hex'), current, 'projects/p/jobs/j')).not.toThrow();
    expect(() => checkEtag(undefined, current, 'projects/p/jobs/j')).not.toThrow();
    expect(() => checkEtag(new Uint8Array(), current, 'projects/p/jobs/j')).not.toThrow();
    let error: unknown;
    try {
      checkEtag(Buffer.from(newEtag(), 'hex'), current, 'projects/p/jobs/j');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: StatusCode.ABORTED });
    expect((error as ApiError).message).toMatch(/etag of projects\/p\/jobs\/j does not match/);
  });
});
