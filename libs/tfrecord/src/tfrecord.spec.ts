import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { crc32c, maskedCrc32c } from './crc32c';
import { decodeTfExample, encodeTfExample, exampleToInstance } from './tf-example';
import { encodeTfRecord, readTfRecordEntries, readTfRecords, TfRecordError } from './tfrecord';

async function readAll(bytes: Buffer, options = {}, chunk = 7): Promise<Buffer[]> {
  const chunks = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const records: Buffer[] = [];
  for await (const record of readTfRecords(Readable.from(chunks), options)) records.push(record);
  return records;
}

describe('CRC-32C', () => {
  it('matches the standard check value and masks as TFRecord does', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    const crc = crc32c(Buffer.from('abc'));
    expect(maskedCrc32c(Buffer.from('abc'))).toBe(((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0);
  });
});

describe('TFRecord files', () => {
  const records = [Buffer.from('first'), Buffer.alloc(0), Buffer.from('x'.repeat(5000))];
  const file = Buffer.concat(records.map(encodeTfRecord));

  it('round-trips records across arbitrary chunk boundaries, plain and gzipped', async () => {
    expect(await readAll(file)).toEqual(records);
    expect(await readAll(file, {}, 1)).toEqual(records);
    expect(await readAll(gzipSync(file), { gzip: true })).toEqual(records);
  });

  it('names the record whose data CRC is wrong, after yielding the ones before it', async () => {
    const corrupt = Buffer.from(file);
    corrupt[encodeTfRecord(records[0]!).length + encodeTfRecord(records[1]!).length + 20]! ^= 0xff;
    const seen: Buffer[] = [];
    const error = await (async () => {
      for await (const record of readTfRecords(Readable.from([corrupt]))) seen.push(record);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TfRecordError);
    expect(error).toMatchObject({ recordIndex: 2, message: expect.stringMatching(/record 2 .*data's CRC/) });
    expect(seen).toEqual(records.slice(0, 2));
  });

  it('reads on past a record whose data CRC is wrong, reporting it with its index and offset', async () => {
    const more = [...records, Buffer.from('after')];
    const bytes = Buffer.concat(more.map(encodeTfRecord));
    const second = encodeTfRecord(records[0]!).length;
    bytes[second + 12]! ^= 0x01; // the empty record's data CRC, right after its 12-byte header
    const entries = [];
    for await (const entry of readTfRecordEntries(Readable.from([bytes]))) entries.push(entry);
    expect(entries.map((e) => e.index)).toEqual([0, 1, 2, 3]);
    expect(entries[1]).toMatchObject({
      offset: second,
      corrupt: expect.stringMatching(/record 1 .*data's CRC/),
    });
    expect(entries.filter((e) => e.data).map((e) => e.data)).toEqual([records[0], records[2], more[3]]);
    const offsetsOnly = [];
    for await (const entry of readTfRecordEntries(Readable.from([bytes]), { verifyData: false })) {
      offsetsOnly.push(entry.corrupt ?? entry.offset);
    }
    expect(offsetsOnly).toEqual([0, second, second + 16, second + 16 + 5000 + 16]);
  });

  it('refuses a corrupt length and a truncated file', async () => {
    const badLength = Buffer.from(file);
    badLength[0]! ^= 0x01;
    await expect(readAll(badLength)).rejects.toThrow(/record 0 .*length's CRC/);
    await expect(readAll(file.subarray(0, file.length - 3))).rejects.toThrow(/record 2 .*truncated/);
    const huge = encodeTfRecord(Buffer.alloc(100));
    await expect(readAll(huge, { maxRecordBytes: 10 })).rejects.toThrow(/over the 10-byte limit/);
  });
});

describe('tf.Example', () => {
  const example = {
    age: { kind: 'int64' as const, values: [42n, 9007199254740993n] },
    scores: { kind: 'float' as const, values: [0.5, -1.25] },
    name: { kind: 'bytes' as const, values: [Buffer.from('ada'), Buffer.from([0xff, 0x00])] },
  };

  it('round-trips and becomes an AI Platform instance keyed by feature', () => {
    const bytes = encodeTfExample(example);
    expect(decodeTfExample(bytes)).toEqual(example);
    expect(exampleToInstance(decodeTfExample(bytes))).toEqual({
      age: [42, '9007199254740993'],
      scores: [0.5, -1.25],
      name: ['ada', { b64: '/wA=' }],
    });
  });

  it('rejects bytes that are not a tf.Example', () => {
    expect(() => decodeTfExample(Buffer.from([0x0a, 0xff, 0xff]))).toThrow(/not a tf.Example/);
  });

  const protoc = spawnSync('protoc', ['--version']).status === 0;
  (protoc ? it : it.skip)('writes the field layout of example.proto, as protoc --decode_raw reads it', () => {
    const raw = spawnSync('protoc', ['--decode_raw'], {
      input: encodeTfExample({ x: { kind: 'float', values: [1] } }),
      encoding: 'utf8',
    });
    // Example.features (1) { Features.feature (1) { key (1): "x", value (2) { float_list (2) { value (1): packed } } } }
    expect(raw.stdout.replace(/\s+/g, ' ')).toMatch(
      /^1 \{ 1 \{ 1: "x" 2 \{ 2 \{ 1: "\\000\\000\\200\?" \} \} \} \}/,
    );
  });
});
