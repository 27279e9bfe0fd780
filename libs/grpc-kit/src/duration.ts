/** google.protobuf.Duration between its message form and its proto3 JSON string (`"1.500s"`). */
export interface DurationMessage {
  seconds: string | number;
  nanos: number;
}

const DURATION_JSON = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/;

export function parseDuration(text: string): DurationMessage {
  const match = DURATION_JSON.exec(text);
  if (!match)
    throw new Error(`invalid duration "${text}": expected seconds with an "s" suffix, e.g. "1.500s"`);
  const sign = match[1] === '-' ? -1 : 1;
  const nanos = Number((match[3] ?? '').padEnd(9, '0'));
  return { seconds: String(sign * Number(match[2])), nanos: sign * nanos };
}

/** Always at least 3 fractional digits, as `retryInfo()` of @presage/errors writes them. */
export function formatDuration(duration: Partial<DurationMessage>): string {
  const seconds = Number(duration.seconds ?? 0);
  const nanos = duration.nanos ?? 0;
  const negative = seconds < 0 || nanos < 0;
  let fraction = String(Math.abs(nanos)).padStart(9, '0');
  if (fraction.endsWith('000000')) fraction = fraction.slice(0, 3);
  else if (fraction.endsWith('000')) fraction = fraction.slice(0, 6);
  return `${negative ? '-' : ''}${Math.abs(seconds)}.${fraction}s`;
}
