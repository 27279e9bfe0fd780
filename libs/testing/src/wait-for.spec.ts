import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first value that is not undefined or false, retrying probes that throw', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        calls++;
        if (calls === 1) throw new Error('not yet');
        if (calls === 2) return false;
        return calls === 3 ? undefined : { ready: calls };
      },
      { timeoutMs: 5000, intervalMs: 1, description: 'the probe to succeed' },
    );
    expect(value).toEqual({ ready: 4 });
  });

  it('returns 0 and empty strings: only undefined and false mean "not yet"', async () => {
    await expect(waitFor(() => 0, { timeoutMs: 100, description: 'zero' })).resolves.toBe(0);
  });

  it('times out naming what it waited for and the last error', async () => {
    const started = Date.now();
    await expect(
      waitFor(() => Promise.reject(new Error('connection refused')), {
        timeoutMs: 200,
        intervalMs: 20,
        description: 'the server to listen',
      }),
    ).rejects.toThrow(
      /Timed out after 200 ms waiting for the server to listen \(last error: Error: connection refused\)/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('times out with the last value', async () => {
    await expect(waitFor(() => false, { timeoutMs: 50, description: 'a flag' })).rejects.toThrow(
      'last value: false',
    );
  });
});
