import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as protobuf from 'protobufjs';
import { GOOGLE_PROTO_FILES, GOOGLE_PROTO_ROOT, PRESAGE_PROTO_FILES, PROTO_ROOT } from './proto-files';

/**
 * The protos parsed at build time (tools/scripts/build.mjs runs compile-protos-main.ts): protobufjs's JSON
 * of every file, with the digest of each .proto it was made from. Loading it instead of parsing the
 * .proto files saves each process most of its proto loading at start-up (~60 ms of ~100).
 */
export const COMPILED_PROTOS_FILE = path.resolve(__dirname, '../../../libs/proto/dist/protos.json');

interface CompiledProtos {
  /** The files asked for, PRESAGE_PROTO_FILES then GOOGLE_PROTO_FILES. */
  requested: string[];
  /** Every .proto read (the requested ones and their imports), absolute path → sha256. */
  sources: Record<string, string>;
  /** protobufjs `Root.toJSON()`, parsed with keepCase false (LOADER_OPTIONS). */
  root: protobuf.INamespace;
}

const REQUESTED = [...PRESAGE_PROTO_FILES, ...GOOGLE_PROTO_FILES];

/** Parses every Presage proto and the Google protos it uses, as @grpc/proto-loader would. */
export function parseProtoFiles(): { root: protobuf.Root; sources: string[] } {
  const root = new protobuf.Root();
  const sources: string[] = [];
  root.resolvePath = (_origin, target) => {
    const found = [PROTO_ROOT, GOOGLE_PROTO_ROOT]
      .map((dir) => path.join(dir, target))
      .find((candidate) => fs.existsSync(candidate));
    if (found) sources.push(found);
    return found ?? target;
  };
  root.loadSync(REQUESTED, { keepCase: false });
  root.resolveAll();
  return { root, sources };
}

/** Writes COMPILED_PROTOS_FILE (through a rename: a process starting meanwhile reads a whole file). */
export function writeCompiledProtos(file: string = COMPILED_PROTOS_FILE): void {
  const { root, sources } = parseProtoFiles();
  const compiled: CompiledProtos = {
    requested: REQUESTED,
    sources: Object.fromEntries([...new Set(sources)].sort().map((source) => [source, digestOf(source)])),
    root: root.toJSON(),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(compiled));
  fs.renameSync(temporary, file);
}

/**
 * The compiled protos' JSON when COMPILED_PROTOS_FILE exists and was made from the .proto files as they
 * are now (same files asked for, same contents); undefined otherwise, and the caller parses the files.
 */
export function readCompiledProtos(file: string = COMPILED_PROTOS_FILE): protobuf.INamespace | undefined {
  let compiled: CompiledProtos;
  try {
    compiled = JSON.parse(fs.readFileSync(file, 'utf8')) as CompiledProtos;
  } catch {
    return undefined;
  }
  const current =
    compiled.requested.join('\n') === REQUESTED.join('\n') &&
    Object.entries(compiled.sources).every(([source, digest]) => digestOf(source) === digest);
  return current ? compiled.root : undefined;
}

function digestOf(file: string): string {
  try {
    return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return 'missing';
  }
}
