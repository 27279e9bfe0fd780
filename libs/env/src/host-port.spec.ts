import { isLoopbackAddress, isLoopbackHost } from './host-port';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '[::]', '10.0.0.5', '192.168.1.1', 'example.com', '127.0.0.1.example.com', ''])(
    '%s is reachable from a network',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );

  it('reads the host of an address', () => {
    expect(isLoopbackAddress('127.0.0.1:8091')).toBe(true);
    expect(isLoopbackAddress('[::1]:8091')).toBe(true);
    expect(isLoopbackAddress('0.0.0.0:8091')).toBe(false);
    expect(isLoopbackAddress('[::]:8091')).toBe(false);
  });
});
