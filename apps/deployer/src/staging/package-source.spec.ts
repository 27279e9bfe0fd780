import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AllowedPaths } from '@presage/env';
import { createArtifactStore } from './artifact-store';
import { stagePackage } from './package-source';
import { StagingError } from './staging-error';

let work: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-package-spec-'));
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

function routineDir(name: string): string {
  const dir = path.join(work, name);
  fs.mkdirSync(path.join(dir, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'predictor.js'), 'exports.P = class P {};');
  fs.writeFileSync(path.join(dir, 'lib/util.js'), 'exports.x = 1;');
  return dir;
}

/** `tar -czf` of `dir`'s contents, or of `dir` itself as the top-level directory. */
function tarball(dir: string, name: string, topLevel = false): string {
  const file = path.join(work, name);
  const args = topLevel
    ? ['-czf', file, '-C', path.dirname(dir), path.basename(dir)]
    : ['-czf', file, '-C', dir, '.'];
  execFileSync('tar', args);
  return file;
}

const files = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort();

describe('staging a package', () => {
  it('copies a directory, and gives a tarball of the same files the same staged copy', async () => {
    const store = createArtifactStore({ root: path.join(work, 'store'), maxBytes: 1 << 20 });
    const dir = routineDir('routine');
    const copied = await stagePackage(store, pathToFileURL(dir).href);
    expect(files(copied.dir)).toEqual(['lib', 'lib/util.js', 'predictor.js']);
    expect(await stagePackage(store, tarball(dir, 'routine.tar.gz'))).toEqual(copied);
    expect(await store.list()).toEqual([copied.digest]);
    // Module paths are relative to the tarball's root, top-level directory included.
    const nested = await stagePackage(store, tarball(dir, 'routine.tgz', true));
    expect(files(nested.dir)).toEqual([
      'routine',
      'routine/lib',
      'routine/lib/util.js',
      'routine/predictor.js',
    ]);
  });

  it('downloads a tarball over http', async () => {
    const store = createArtifactStore({ root: path.join(work, 'store'), maxBytes: 1 << 20 });
    const bytes = fs.readFileSync(tarball(routineDir('routine'), 'routine.tar.gz'));
    const server = http.createServer((req, res) => {
      if (req.url === '/pkgs/routine.tar.gz') res.end(bytes);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const staged = await stagePackage(store, `${base}/pkgs/routine.tar.gz`);
      expect(files(staged.dir)).toContain('predictor.js');
      await expect(stagePackage(store, `${base}/pkgs/none.tgz`)).rejects.toThrow(/HTTP 404/);
      await expect(stagePackage(store, `${base}/pkgs/`)).rejects.toThrow(
        /over http\(s\) a package must be a \.tar\.gz or \.tgz file/,
      );
    } finally {
      server.close();
    }
  });

  it.each([
    ['a missing tarball', (w: string) => path.join(w, 'absent.tar.gz'), /absent\.tar\.gz does not exist/],
    [
      'a tarball that is not gzip',
      (w: string) => (fs.writeFileSync(path.join(w, 'bad.tgz'), 'not a tarball'), path.join(w, 'bad.tgz')),
      /bad\.tgz is not a readable \.tar\.gz .*: create it with "tar -czf/,
    ],
    [
      'an empty tarball',
      (w: string) => (fs.mkdirSync(path.join(w, 'empty')), tarball(path.join(w, 'empty'), 'empty.tgz')),
      /^packageUris .*empty\.tgz is empty: put the prediction routine's JavaScript files there\.$/,
    ],
    ['a missing directory', (w: string) => path.join(w, 'nowhere'), /^packageUris .*nowhere does not exist/],
    ['an object store URI', () => 'gs://bucket/routine', /URIs in packageUris need an object store/],
    [
      'an unparseable http URI',
      () => 'https://[::1/routine.tgz',
      /^packageUris "https:\/\/\[::1\/routine\.tgz" is not a valid URI/,
    ],
    [
      'a file URI naming another host',
      () => 'file://build.example/routine.tgz',
      /^packageUris file:\/\/build\.example\/routine\.tgz names the host build\.example/,
    ],
  ])('refuses %s with a message that says what to do', async (_, uri, message) => {
    const store = createArtifactStore({ root: path.join(work, 'store'), maxBytes: 1 << 20 });
    const error = await stagePackage(store, uri(work)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    expect((error as Error).message).toMatch(message);
    expect(await store.list()).toEqual([]);
  });
});

describe('staging a package where the platform is confined', () => {
  it('refuses a tarball outside the allowed directories, and one whose link leads out of the package', async () => {
    const allowed = path.join(work, 'allowed');
    fs.mkdirSync(allowed);
    const store = createArtifactStore({
      root: path.join(work, 'store'),
      maxBytes: 1 << 20,
      allowed: new AllowedPaths([allowed]),
    });
    const outside = tarball(routineDir('plain'), 'plain.tar.gz');
    await expect(stagePackage(store, outside)).rejects.toThrow(
      /^packageUris .*plain\.tar\.gz is outside the directories this platform may read and write/,
    );

    const linked = routineDir('linked');
    fs.writeFileSync(path.join(work, 'host-secret.txt'), 'secret');
    fs.symlinkSync(path.join(work, 'host-secret.txt'), path.join(linked, 'lib/secret.txt'));
    const inside = path.join(allowed, 'linked.tar.gz');
    fs.renameSync(tarball(linked, 'linked.tar.gz'), inside);
    const refused = await stagePackage(store, inside).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StagingError);
    expect((refused as StagingError).message).toMatch(
      /^packageUris .*linked\.tar\.gz holds a symbolic link, lib\/secret\.txt, that leads somewhere that is outside/,
    );
    expect((refused as StagingError).message).not.toContain('host-secret');
    expect(fs.readdirSync(path.join(work, 'store')).filter((e) => e.startsWith('sha256-'))).toEqual([]);

    fs.rmSync(path.join(linked, 'lib/secret.txt'));
    fs.renameSync(tarball(linked, 'linked.tar.gz'), inside);
    expect((await stagePackage(store, inside)).digest).toMatch(/^sha256:/);
  });
});
