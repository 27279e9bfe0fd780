import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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
    const store = createArtifactStore(path.join(work, 'store'), 1 << 20);
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
    const store = createArtifactStore(path.join(work, 'store'), 1 << 20);
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
    const store = createArtifactStore(path.join(work, 'store'), 1 << 20);
    const error = await store.stage(uri(work)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    expect((error as Error).message).toMatch(message);
    expect(fs.readdirSync(path.join(work, 'store'))).toEqual([]);
  });

  it('refuses artifacts over the size limit and leaves nothing behind', async () => {
    const store = createArtifactStore(path.join(work, 'store'), 10);
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
      const store = createArtifactStore(path.join(work, 'store'), 1 << 20);
      const staged = await store.stage(`${base}/models/iris/`);
      expect(fs.readFileSync(path.join(staged.dir, 'model.onnx'), 'utf8')).toBe('onnx bytes');
      await expect(store.stage(`${base}/models/none`)).rejects.toThrow(/No model files at/);
      await expect(store.stage(`${base}/models/x/model.onnx`)).rejects.toThrow(/HTTP 404/);
    } finally {
      server.close();
    }
  });
});
