/**
 * Plain JSON data as YAML (block style, keys in their order), for `--format yaml`. Strings that YAML
 * would read as something else (numbers, booleans, null, text with `: ` or ` #`, leading symbols) are
 * written double-quoted, JSON-style, which YAML reads back as the same string.
 */
export function yamlText(value: unknown): string {
  if (isScalar(value) || isEmpty(value)) return `${scalarText(value)}\n`;
  return `${blockLines(value, 0).join('\n')}\n`;
}

const PLAIN = /^[A-Za-z_/.][A-Za-z0-9_ ./@+,()=-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function isEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.length === 0 : isPlainObject(value) && Object.keys(value).length === 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function scalarText(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (isPlainObject(value)) return '{}';
  if (typeof value === 'string') return stringText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return 'null';
}

function stringText(text: string): string {
  const plain = PLAIN.test(text) && !RESERVED.test(text) && !text.endsWith(' ') && !text.endsWith(':');
  return plain ? text : JSON.stringify(text);
}

/** The lines of a non-empty array or object, indented by `indent` spaces. */
function blockLines(value: unknown, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isScalar(item) || isEmpty(item)) {
        lines.push(`${pad}- ${scalarText(item)}`);
        continue;
      }
      // The item's first line follows the dash; the rest line up under it.
      const inner = blockLines(item, indent + 2);
      lines.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
    }
    return lines;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined) continue;
    if (isScalar(item) || isEmpty(item)) lines.push(`${pad}${stringText(key)}: ${scalarText(item)}`);
    else
      lines.push(`${pad}${stringText(key)}:`, ...blockLines(item, Array.isArray(item) ? indent : indent + 2));
  }
  return lines;
}
