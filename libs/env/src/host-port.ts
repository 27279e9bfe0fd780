/**
 * The one `host:port` pattern of Presage's settings: a host name or IPv4 address, or an IPv6 address in
 * brackets (`[::]:8500`), then a port of up to five digits. Ports above 65535 are refused by isHostPort.
 */
export const HOST_PORT = /^(?:[^\s:/[\]]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/;

/** A host alone: a host name, an IPv4 address, or an IPv6 address with or without brackets. */
export const HOST = /^[^\s:/[\]]+$|^\[[0-9A-Fa-f:.]+\]$|^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;

/** Whether `text` is `host:port` with a port from 0 to 65535. */
export function isHostPort(text: string): boolean {
  return HOST_PORT.test(text) && Number(text.slice(text.lastIndexOf(':') + 1)) <= 65535;
}

/** `127.0.0.1:0` and the port a server bound → `127.0.0.1:40125`, the address to tell others. */
export function withPort(address: string, port: number): string {
  return address.replace(/:\d+$/, `:${port}`);
}

/**
 * Whether a listener on `host` is reachable from this machine only: `localhost`, 127.0.0.0/8 or ::1
 * (brackets allowed). Wildcards (`0.0.0.0`, `::`) and every other address are reachable from a network.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** isLoopbackHost for the host of a `host:port` address. */
export function isLoopbackAddress(address: string): boolean {
  return isLoopbackHost(address.slice(0, address.lastIndexOf(':')));
}
