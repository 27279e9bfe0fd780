import { encodedLength } from '@presage/proto';
import { decodePageToken, messagePage, pageOf } from './page-token';

const rows = (...ids: string[]) => ids.map((id) => ({ id }));

describe('pageOf', () => {
  it('cuts the extra row off and gives a token that lists after the last row kept', () => {
    const { page, nextPageToken } = pageOf(rows('1', '2', '3'), 2, 'models|p|');
    expect(page).toEqual(rows('1', '2'));
    expect(decodePageToken(nextPageToken, 'models|p|')).toBe('2');
  });

  it('ends a page before the row that would take it over its byte budget, with a token for the rest', () => {
    const sized = [100, 100, 100, 100].map((bytes, i) => ({ id: String(i + 1), bytes }));
    const { page, nextPageToken } = pageOf(sized, 3, 'q', { maxBytes: 250, sizeOf: (row) => row.bytes });
    expect(page.map((r) => r.id)).toEqual(['1', '2']);
    expect(decodePageToken(nextPageToken, 'q')).toBe('2');
  });

  it('always takes the first row, however large, so every page moves the listing on', () => {
    const sized = [
      { id: '1', bytes: 10_000 },
      { id: '2', bytes: 1 },
    ];
    const { page, nextPageToken } = pageOf(sized, 5, 'q', { maxBytes: 100, sizeOf: (r) => r.bytes });
    expect(page.map((r) => r.id)).toEqual(['1']);
    expect(decodePageToken(nextPageToken, 'q')).toBe('1');
  });

  it('builds the messages of a page and cuts it by their encoded size', () => {
    const models = ['1', '2', '3', '4'].map((id) => ({ id, description: 'd'.repeat(1000) }));
    const one = encodedLength('presage.v1.Model', { name: 'm', description: 'd'.repeat(1000) });
    const { messages, nextPageToken } = messagePage(
      models,
      3,
      'q',
      (row) => ({ name: 'm', description: row.description }),
      { typeName: 'presage.v1.Model', maxBytes: 2 * one + 20 },
    );
    expect(messages).toHaveLength(2);
    expect(decodePageToken(nextPageToken, 'q')).toBe('2');
  });

  it('gives no token when the store returned no more than a page', () => {
    expect(pageOf(rows('1', '2'), 2, 'q')).toEqual({ page: rows('1', '2'), nextPageToken: '' });
    expect(pageOf([], 2, 'q')).toEqual({ page: [], nextPageToken: '' });
  });
});
