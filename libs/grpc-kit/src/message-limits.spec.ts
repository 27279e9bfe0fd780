import {
  DEFAULT_MESSAGE_LIMITS,
  ENVELOPE_BYTES,
  channelMessageBytes,
  publicRequestBytes,
  readMessageLimits,
} from './message-limits';

describe('message limits', () => {
  it('default to AI Platform 1.5 MiB requests and answers 32 times that', () => {
    const problems: string[] = [];
    expect(readMessageLimits({}, problems)).toEqual(DEFAULT_MESSAGE_LIMITS);
    expect(DEFAULT_MESSAGE_LIMITS).toEqual({ maxBodyBytes: 1_572_864, maxResponseBytes: 50_331_648 });
    expect(problems).toEqual([]);
  });

  it('derive the answer limit from the request limit unless it is set', () => {
    expect(readMessageLimits({ PRESAGE_MAX_BODY_BYTES: '1000' }, [])).toEqual({
      maxBodyBytes: 1000,
      maxResponseBytes: 32_000,
    });
    expect(
      readMessageLimits({ PRESAGE_MAX_BODY_BYTES: '1000', PRESAGE_MAX_RESPONSE_BYTES: '5000' }, []),
    ).toEqual({ maxBodyBytes: 1000, maxResponseBytes: 5000 });
  });

  it('size channels for the larger of the two plus the envelope, and the public port for a body plus it', () => {
    const limits = { maxBodyBytes: 1000, maxResponseBytes: 5000 };
    expect(channelMessageBytes(limits)).toBe(5000 + ENVELOPE_BYTES);
    expect(publicRequestBytes(limits)).toBe(1000 + ENVELOPE_BYTES);
    expect(channelMessageBytes({ maxBodyBytes: 2 ** 31, maxResponseBytes: 2 ** 31 })).toBe(2 ** 31 - 1);
  });

  it('lists every bad value', () => {
    const problems: string[] = [];
    readMessageLimits({ PRESAGE_MAX_BODY_BYTES: '1.5MB', PRESAGE_MAX_RESPONSE_BYTES: '0' }, problems);
    expect(problems).toEqual([
      expect.stringContaining('PRESAGE_MAX_BODY_BYTES must be a number of bytes from 1 to'),
      expect.stringContaining('PRESAGE_MAX_RESPONSE_BYTES must be a number of bytes from 1 to'),
    ]);
  });
});
