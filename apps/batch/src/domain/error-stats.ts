/** Adds error counts (message → instances) into `into`. */
export function addErrors(
  into: Record<string, number>,
  more: Record<string, number | string>,
): Record<string, number> {
  for (const [message, count] of Object.entries(more)) into[message] = (into[message] ?? 0) + Number(count);
  return into;
}

/**
 * AI Platform's `prediction.errors_stats-00000-of-00001`: one line per distinct error with its count,
 * as the Python tuple its pipeline printed — `('message', 12)` — most frequent first.
 */
export function formatErrorStats(errors: Record<string, number>): string {
  return Object.entries(errors)
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([message, count]) => `(${pythonString(message)}, ${count})\n`)
    .join('');
}

/** A Python str literal as repr() writes it: single quotes unless the text holds one and no double quote. */
function pythonString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\') out += '\\\\';
    else if (char === quote) out += `\\${quote}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}
