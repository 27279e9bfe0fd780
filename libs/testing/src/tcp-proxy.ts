import net from 'node:net';

/** A TCP proxy a test can cut, to make a server unreachable without stopping it (it may be shared). */
export interface TcpProxy {
  /** The port it listens on, at 127.0.0.1. */
  port: number;
  /** Drops every connection and refuses new ones (each is closed as soon as it is accepted). */
  cut(): void;
  /** Forwards new connections again. */
  restore(): void;
  close(): Promise<void>;
}

/** Forwards connections to `target` (`host:port`) from a free port on 127.0.0.1. */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const [host, port] = splitAddress(target);
  const sockets = new Set<net.Socket>();
  let cut = false;
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    if (cut) return void client.destroy();
    const upstream = net.connect(port, host);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function splitAddress(address: string): [string, number] {
  const index = address.lastIndexOf(':');
  return [address.slice(0, index), Number(address.slice(index + 1))];
}
