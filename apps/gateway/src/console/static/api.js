// The public REST API as the console calls it: the key kept for this tab goes along as a Bearer token.

const KEY_ITEM = 'presage.apiKey';

/** The API answered 401: the console asks for a key and tries again. */
export class KeyRequired extends Error {
  constructor(message) {
    super(message);
    this.name = 'KeyRequired';
  }
}

/** Any other error answer, with Google's error body read out. */
export class ApiFailure extends Error {
  constructor(status, message, path) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.path = path;
  }
}

export function currentKey() {
  return sessionStorage.getItem(KEY_ITEM) ?? undefined;
}

export function rememberKey(key) {
  sessionStorage.setItem(KEY_ITEM, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY_ITEM);
}

/** GET `path` (e.g. `/v1/projects/demo/models`) with `params`; resolves with the JSON body. */
export async function getJson(path, params = {}, { signal } = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const search = query.toString();
  const url = search ? `${path}?${search}` : path;
  const key = currentKey();
  let response;
  try {
    response = await fetch(url, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
      signal,
      cache: 'no-store',
    });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiFailure(0, `The gateway cannot be reached (${error?.message ?? error}).`, path);
  }
  const text = await response.text();
  let body;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { error: { message: text.slice(0, 200) } };
  }
  if (response.status === 401) throw new KeyRequired(body?.error?.message ?? 'A key is required.');
  if (!response.ok) {
    const message = body?.error?.message ?? `${response.status} ${response.statusText}`;
    throw new ApiFailure(response.status, message, path);
  }
  return body;
}

/** Every page of a List method: `field` is the list in each answer (`models`, `versions`…). */
export async function listAll(path, field, params = {}, options = {}, maxPages = 20) {
  const items = [];
  let pageToken;
  for (let page = 0; page < maxPages; page++) {
    const answer = await getJson(path, { ...params, pageSize: 100, pageToken }, options);
    items.push(...(answer[field] ?? []));
    pageToken = answer.nextPageToken;
    if (!pageToken) break;
  }
  return items;
}
