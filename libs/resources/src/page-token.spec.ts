import { decodePageToken, pageOf } from './page-token';

const rows = (...ids: string[]) => ids.map((id) => ({ id }));

describe('pageOf', () => {
  it('cuts the extra row off and gives a token that lists after the last row kept', () => {
    const { page, nextPageToken } = pageOf(rows('1', '2', '3'), 2, 'models|p|');
    expect(page).toEqual(rows('1', '2'));
    expect(decodePageToken(nextPageToken, 'models|p|')).toBe('2');
  });

  it('gives no token when the store returned no more than a page', () => {
    expect(pageOf(rows('1', '2'), 2, 'q')).toEqual({ page: rows('1', '2'), nextPageToken: '' });
    expect(pageOf([], 2, 'q')).toEqual({ page: [], nextPageToken: '' });
  });
});
