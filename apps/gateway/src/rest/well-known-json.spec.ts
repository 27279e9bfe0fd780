import { JsonMappingError } from './json-mapping-error';
import {
  durationFromJson,
  durationToJson,
  fieldMaskFromJson,
  fieldMaskToJson,
  timestampFromJson,
  timestampToJson,
} from './well-known-json';

describe('Timestamp', () => {
  it.each([
    [{ seconds: '1607934876', nanos: 0 }, '2020-12-14T08:34:36Z'],
    [{ seconds: '1607934876', nanos: 120_000_000 }, '2020-12-14T08:34:36.120Z'],
    [{ seconds: '1607934876', nanos: 120_500_000 }, '2020-12-14T08:34:36.120500Z'],
    [{ seconds: '1607934876', nanos: 1 }, '2020-12-14T08:34:36.000000001Z'],
    [{ seconds: '-62135596800', nanos: 0 }, '0001-01-01T00:00:00Z'],
  ])('writes %j as %s and reads it back', (value, json) => {
    expect(timestampToJson(value)).toBe(json);
    expect(timestampFromJson(json, 't')).toEqual(value);
  });

  it.each([
    '2020-13-01T00:00:00Z',
    '2020-02-30T00:00:00Z',
    '2020-12-14 08:34:36Z',
    '2020-12-14T08:34:36',
    '10000-01-01T00:00:00Z',
  ])('rejects %s', (json) => {
    expect(() => timestampFromJson(json, 'createTime')).toThrow(JsonMappingError);
  });
});

describe('Duration', () => {
  it.each([
    ['1.5s', { seconds: '1', nanos: 500_000_000 }, '1.500s'],
    ['3s', { seconds: '3', nanos: 0 }, '3s'],
    ['-0.000001s', { seconds: '0', nanos: -1000 }, '-0.000001s'],
    ['-2.25s', { seconds: '-2', nanos: -250_000_000 }, '-2.250s'],
  ])('reads %s', (json, value, canonical) => {
    expect(durationFromJson(json, 'd')).toEqual(value);
    expect(durationToJson(value)).toBe(canonical);
  });

  it.each(['1.5', '1.5m', 's', '1.1234567891s', 1.5])('rejects %j', (json) => {
    expect(() => durationFromJson(json, 'd')).toThrow(JsonMappingError);
  });
});

describe('FieldMask', () => {
  it('reads camelCase or snake_case paths into snake_case and writes camelCase', () => {
    expect(fieldMaskFromJson('description, labels,default_version.name,autoScaling.minNodes', 'm')).toEqual({
      paths: ['description', 'labels', 'default_version.name', 'auto_scaling.min_nodes'],
    });
    expect(fieldMaskToJson({ paths: ['auto_scaling.min_nodes', 'labels'] })).toBe(
      'autoScaling.minNodes,labels',
    );
    expect(fieldMaskFromJson('', 'm')).toEqual({ paths: [] });
  });

  it('rejects what is not a list of field paths', () => {
    expect(() => fieldMaskFromJson(['a'], 'updateMask')).toThrow('comma-separated');
    expect(() => fieldMaskFromJson('a b', 'updateMask')).toThrow('not a field path');
  });
});
