import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A file the console serves, read once at start. */
export interface StaticAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The uPlot files the console loads, from the uplot package: served path → file in its dist/. */
const VENDOR_FILES = { 'vendor/uPlot.esm.js': 'uPlot.esm.js', 'vendor/uPlot.min.css': 'uPlot.min.css' };

/**
 * The console's files by path under `/console/` (`index.html`, `vendor/uPlot.esm.js`): the browser
 * modules beside this file (or, in the compiled gateway, in apps/gateway/src/console/static) and uPlot's
 * dist files. Only files listed here are served, so no request path reaches the file system.
 */
export function loadConsoleAssets(staticDir = findStaticDir()): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  for (const file of listFiles(staticDir)) {
    const relative = path.relative(staticDir, file).split(path.sep).join('/');
    assets.set(relative, assetOf(file));
  }
  const uplotDist = path.dirname(require.resolve('uplot/dist/uPlot.esm.js'));
  for (const [served, file] of Object.entries(VENDOR_FILES)) {
    assets.set(served, assetOf(path.join(uplotDist, file)));
  }
  return assets;
}

/** Beside this module when it runs from source; from apps/gateway/dist, the sources' copy. */
function findStaticDir(): string {
  const candidates = [path.join(__dirname, 'static'), path.join(__dirname, '..', 'src', 'console', 'static')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
  if (!found) throw new Error(`The console's files are missing: looked in ${candidates.join(' and ')}`);
  return found;
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.isFile() && path.extname(entry.name) in CONTENT_TYPES ? [full] : [];
  });
}

function assetOf(file: string): StaticAsset {
  const body = fs.readFileSync(file);
  return {
    body,
    contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  };
}
