import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '@presage/testing';
import { createArtifactStore, digestTree } from './artifact-store';
import { StagingError } from './staging-error';

let work: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-store-'));
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

function modelDir(name: string, files: Record<string, string>): string {
  const dir = path.join(work, name);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

describe('the artifact store', () => {
  it('copies a directory into a content-addressed copy, the same for a path and a file:// URI', async () => {
    const store = createArtifactStore({ root: path.join(work, 'store'), maxBytes: 1 << 20 });
    const source = modelDir('m1', { 'model.onnx': 'weights', 'assets/vocab.txt': 'a\nb' });
    const first = await store.stage(source);
    expect(first.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fs.readFileSync(path.join(first.dir, 'assets/vocab.txt'), 'utf8')).toBe('a\nb');
    expect(await digestTree(first.dir)).toBe(first.digest);
    const again = await store.stage(pathToFileURL(source).href);
    expect(again).toEqual(first);
    expect(fs.readdirSync(path.join(work, 'store'))).toEqual([path.basename(first.dir)]);
  });

  it('gives different bytes a different digest, and removes a copy on request', async () => {
    const store = createArtifactStore({ root: path.join(work, 'store'), maxBytes: 1 << 20 });
    const a = await store.stage(modelDir('a', { 'model.onnx': 'one' }));
    const b = await store.stage(modelDir('b', { 'model.onnx': 'two' }));
    expect(a.digest).not.toBe(b.digest);
    await store.remove(a.digest);
    expect(fs.existsSync(a.dir)).toBe(false);
    expect(fs.existsSync(b.dir)).toBe(true);
  });

  it.each([
    ['a missing directory', (w: string) => path.join(w, 'absent'), /does not exist/],
    [
      'a file',
      () => modelDir('f', { 'model.onnx': 'x' }) + '/model.onnx',
      /is a file: point it at the directory/,
    ],
    [
      'an empty directory',
      (w: string) => (fs.mkdirSync(path.join(w, 'empty')), path.join(w, 'empty')),
      /is empty/,
    ],
    ['an object store URI', () => 's3://bucket/model', /object store/],
  ])('refuses %s with a message that says what to do', async (_, uri, message) => {
    const store = createArtifactStore({ root: path.join(work, 'store'), maxBytes: 1 << 20 });
    const error = await store.stage(uri(work)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    expect((error as Error).message).toMatch(message);
    expect(fs.readdirSync(path.join(work, 'store'))).toEqual([]);
  });

  it('refuses artifacts over the size limit and leaves nothing behind', async () => {
    const store = createArtifactStore({ root: path.join(work, 'store'), maxBytes: 10 });
    await expect(store.stage(modelDir('big', { 'model.onnx': 'x'.repeat(11) }))).rejects.toThrow(
      /10-byte limit/,
    );
    expect(fs.readdirSync(path.join(work, 'store'))).toEqual([]);
  });

  it('downloads model.onnx from an http directory, and says so when nothing is there', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/models/iris/model.onnx') res.end('onnx bytes');
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const store = createArtifactStore({ root: path.join(work, 'store'), maxBytes: 1 << 20 });
      const staged = await store.stage(`${base}/models/iris/`);
      expect(fs.readFileSync(path.join(staged.dir, 'model.onnx'), 'utf8')).toBe('onnx bytes');
      await expect(store.stage(`${base}/models/none`)).rejects.toThrow(/No model files at/);
      await expect(store.stage(`${base}/models/x/model.onnx`)).rejects.toThrow(/HTTP 404/);
    } finally {
      server.close();
    }
  });
});

/** The StagingError `stage` rejects with. */
async function stagingError(promise: Promise<unknown>): Promise<StagingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StagingError);
  return error as StagingError;
}

/** An http server on a free port answering with `handler`; closed after the test. */
async function serve(handler: http.RequestListener): Promise<{ base: string; close: () => void }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

describe('the artifact store failing for good', () => {
  it.each([
    [
      'an unparseable http URI',
      () => 'http://[::1',
      /^deploymentUri "http:\/\/\[::1" is not a valid URI: .*brackets/,
    ],
    [
      'a file URI naming another host',
      () => 'file://evil.example/etc',
      /^deploymentUri file:\/\/evil\.example\/etc names the host evil\.example: a file:\/\/ URI must name a directory on the deployer's machine/,
    ],
    ['a relative path', () => 'models/iris', /use an absolute path, file:\/\/ or http\(s\):\/\//],
    [
      'a host that does not resolve',
      () => 'http://no-such-host.invalid/m/',
      /the host no-such-host\.invalid does not resolve/,
    ],
  ])('refuses %s at once', async (_, uri, message) => {
    const store = createArtifactStore({ root: path.join(work, 'store'), maxBytes: 1 << 20 });
    const error = await stagingError(store.stage(uri()));
    expect(error.message).toMatch(message);
    expect(error.transient).toBe(false);
  });

  it('names a broken symbolic link, and only it, without listing the directory', async () => {
    const dir = modelDir('linked', { 'model.onnx': 'w', 'secret-a.txt': 'a', 'sub/secret-b.txt': 'b' });
    fs.symlinkSync(path.join(work, 'gone'), path.join(dir, 'sub/vocab.txt'));
    const store = createArtifactStore({ root: path.join(work, 'store'), maxBytes: 1 << 20 });
    const error = await stagingError(store.stage(dir));
    expect(error.message).toBe(
      `deploymentUri ${dir} holds a broken symbolic link, sub/vocab.txt: what it points to does not exist. Remove the link or restore its target.`,
    );
    expect(error.transient).toBe(false);
    expect(fs.readdirSync(path.join(work, 'store'))).toEqual([]);
  });

  it('refuses a symbolic link back to a directory above it', async () => {
    const dir = modelDir('looped', { 'model.onnx': 'w', 'sub/vocab.txt': 'v' });
    fs.symlinkSync('..', path.join(dir, 'sub/up'));
    const store = createArtifactStore({ root: path.join(work, 'store'), maxBytes: 1 << 20 });
    const error = await stagingError(store.stage(dir));
    expect(error.message).toBe(
      `deploymentUri ${dir} holds a symbolic link back to a directory above it, sub/up: remove the link.`,
    );
  });

  it('stops listing a tree past 1000 files', async () => {
    const files = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`f${i}.bin`, 'x']));
    const store = createArtifactStore({ root: path.join(work, 'store'), maxBytes: 1 << 20 });
    const error = await stagingError(store.stage(modelDir('many', files)));
    expect(error.message).toMatch(/holds more than 1000 files; a version may have at most 1000\./);
  });

  it.each([
    [403, /HTTP 403: the deployer sends no credentials/],
    [404, /HTTP 404: nothing is there/],
    [410, /HTTP 410\./],
  ])('fails at once on HTTP %d', async (status, message) => {
    const server = await serve((_, res) => res.writeHead(status).end());
    try {
      const store = createArtifactStore({ root: path.join(work, 'store'), maxBytes: 1 << 20 });
      const error = await stagingError(store.stage(`${server.base}/m/model.onnx`));
      expect(error.message).toMatch(message);
      expect(error.transient).toBe(false);
    } finally {
      server.close();
    }
  });
});

describe('the artifact store failing for now', () => {
  const store = () =>
    createArtifactStore({ root: path.join(work, 'store'), maxBytes: 1 << 20, idleTimeoutMs: 300 });

  it('says the connection was refused', async () => {
    const port = await freePort();
    const error = await stagingError(store().stage(`http://127.0.0.1:${port}/m/`));
    expect(error.message).toBe(`Cannot download http://127.0.0.1:${port}/m/model.onnx: connection refused.`);
    expect(error.transient).toBe(true);
  });

  it.each([500, 503, 429])('says the server answered HTTP %d', async (status) => {
    const server = await serve((_, res) => res.writeHead(status).end());
    try {
      const error = await stagingError(store().stage(`${server.base}/m/model.onnx`));
      expect(error.message).toBe(`Downloading ${server.base}/m/model.onnx failed with HTTP ${status}.`);
      expect(error.transient).toBe(true);
    } finally {
      server.close();
    }
  });

  it('gives up on a server that never answers, and on one that stops sending, after the idle timeout', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/stalls/model.onnx') res.writeHead(200, { 'content-length': '100' }).write('half');
    });
    try {
      for (const dir of ['silent', 'stalls']) {
        const started = Date.now();
        const error = await stagingError(store().stage(`${server.base}/${dir}/`));
        expect(error.message).toBe(
          `Cannot download ${server.base}/${dir}/model.onnx: the server sent nothing for 0.3 s.`,
        );
        expect(error.transient).toBe(true);
        // The timeout, not some default of the http client.
        expect(Date.now() - started).toBeLessThan(10_000);
      }
      expect(fs.readdirSync(path.join(work, 'store'))).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('says the connection was closed in the middle of a download', async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { 'content-length': '100' }).write('half', () => res.socket?.destroy());
    });
    try {
      const error = await stagingError(store().stage(`${server.base}/m/model.onnx`));
      expect(error.message).toBe(`Cannot download ${server.base}/m/model.onnx: the connection was closed.`);
      expect(error.transient).toBe(true);
    } finally {
      server.close();
    }
  });
});
