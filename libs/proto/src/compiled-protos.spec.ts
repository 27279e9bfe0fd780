import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as protoLoader from '@grpc/proto-loader';
import { readCompiledProtos, writeCompiledProtos } from './compiled-protos';
import { GOOGLE_PROTO_FILES, LOADER_OPTIONS, PRESAGE_PROTO_FILES } from './proto-files';

/** A package definition without its functions (serializers), to compare two loadings. */
function data(definition: protoLoader.PackageDefinition): unknown {
  return JSON.parse(
    JSON.stringify(definition, (_key, value: unknown) => (typeof value === 'function' ? undefined : value)),
  );
}

describe('compiled protos', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-protos-'));
    file = path.join(dir, 'protos.json');
    writeCompiledProtos(file);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('give @grpc/proto-loader the same definition as the .proto files: methods, options, types, descriptors', () => {
    const compiled = readCompiledProtos(file);
    expect(compiled).toBeDefined();
    const fromJson = protoLoader.fromJSON(compiled!, LOADER_OPTIONS);
    const fromFiles = protoLoader.loadSync([...PRESAGE_PROTO_FILES, ...GOOGLE_PROTO_FILES], LOADER_OPTIONS);
    expect(Object.keys(fromJson).sort()).toEqual(Object.keys(fromFiles).sort());
    expect(isDeepStrictEqual(data(fromJson), data(fromFiles))).toBe(true);
    const createVersion = (fromJson['presage.v1.ModelService'] as Record<string, { options: object }>)[
      'CreateVersion'
    ]!;
    expect(createVersion.options).toMatchObject({
      '(google.api.http)': { post: '/v1/{parent=projects/*/models/*}/versions', body: 'version' },
    });
  });

  it('are not used once a .proto they were made from changed, or when the file is missing', () => {
    const compiled = JSON.parse(fs.readFileSync(file, 'utf8')) as { sources: Record<string, string> };
    const changed = path.join(dir, 'changed.json');
    const [first] = Object.keys(compiled.sources);
    compiled.sources[first!] = 'a digest of other contents';
    fs.writeFileSync(changed, JSON.stringify(compiled));
    expect(readCompiledProtos(changed)).toBeUndefined();
    expect(readCompiledProtos(path.join(dir, 'missing.json'))).toBeUndefined();
  });
});
