/** The local path an absolute path or file:// URI names; undefined for other URIs (and bad escapes). */
export function localPathOf(uri: string): string | undefined {
  if (uri.startsWith('/')) return uri;
  if (!/^file:\/\//i.test(uri)) return undefined;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return undefined;
  }
}
