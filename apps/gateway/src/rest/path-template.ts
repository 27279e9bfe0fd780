/**
 * google.api.http path templates (google/api/http.proto):
 *
 *     Template = "/" Segments [ Verb ] ;
 *     Segments = Segment { "/" Segment } ;
 *     Segment  = "*" | "**" | LITERAL | Variable ;
 *     Variable = "{" FieldPath [ "=" Segments ] "}" ;
 *     FieldPath = IDENT { "." IDENT } ;
 *     Verb     = ":" LITERAL ;
 *
 * `{name}` is `{name=*}`. `*` matches one non-empty segment, `**` zero or more. A variable of one
 * segment is fully percent-decoded; a multi-segment one keeps `%2F` so its slashes stay meaningful.
 */

export type TemplateSegment = { kind: 'literal'; value: string } | { kind: 'wildcard' } | { kind: 'deep' };

export interface TemplateVariable {
  /** Field path in the request message, as written: `name`, `model.name`. */
  fieldPath: string;
  /** Segment index range [start, end) the variable covers. */
  start: number;
  end: number;
}

export interface PathTemplate {
  /** The template as written, e.g. `/v1/{name=projects/*}/models`. */
  source: string;
  segments: TemplateSegment[];
  variables: TemplateVariable[];
  /** The custom verb without its colon, e.g. `setDefault`; undefined if none. */
  verb: string | undefined;
}

/** Field path → bound value. */
export type PathBindings = Map<string, string>;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export class TemplateSyntaxError extends Error {
  constructor(source: string, problem: string) {
    super(`invalid path template "${source}": ${problem}`);
    this.name = 'TemplateSyntaxError';
  }
}

export function parsePathTemplate(source: string): PathTemplate {
  if (!source.startsWith('/')) throw new TemplateSyntaxError(source, 'must start with "/"');
  const { body, verb } = splitVerb(source);
  const segments: TemplateSegment[] = [];
  const variables: TemplateVariable[] = [];
  const parts = splitTopLevel(source, body.slice(1));
  for (const part of parts) {
    if (part.startsWith('{')) {
      if (!part.endsWith('}')) throw new TemplateSyntaxError(source, `unclosed variable "${part}"`);
      const inner = part.slice(1, -1);
      const eq = inner.indexOf('=');
      const fieldPath = eq < 0 ? inner : inner.slice(0, eq);
      if (!IDENT.test(fieldPath)) throw new TemplateSyntaxError(source, `bad field path "${fieldPath}"`);
      if (variables.some((v) => v.fieldPath === fieldPath)) {
        throw new TemplateSyntaxError(source, `variable "${fieldPath}" bound twice`);
      }
      const start = segments.length;
      const inside = eq < 0 ? ['*'] : inner.slice(eq + 1).split('/');
      for (const piece of inside) {
        if (piece.includes('{')) throw new TemplateSyntaxError(source, 'nested variables');
        segments.push(plainSegment(source, piece));
      }
      variables.push({ fieldPath, start, end: segments.length });
    } else {
      segments.push(plainSegment(source, part));
    }
  }
  if (segments.filter((s) => s.kind === 'deep').length > 1) {
    throw new TemplateSyntaxError(source, '"**" may appear only once');
  }
  return { source, segments, variables, verb };
}

function splitVerb(source: string): { body: string; verb: string | undefined } {
  const lastSlash = source.lastIndexOf('/');
  const lastBrace = source.lastIndexOf('}');
  const colon = source.indexOf(':', Math.max(lastSlash, lastBrace));
  if (colon < 0) return { body: source, verb: undefined };
  const verb = source.slice(colon + 1);
  if (!/^[A-Za-z0-9_.~-]+$/.test(verb)) throw new TemplateSyntaxError(source, `bad verb "${verb}"`);
  return { body: source.slice(0, colon), verb };
}

/** Splits on "/" outside braces. */
function splitTopLevel(source: string, text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '{') depth += 1;
    if (ch === '}') depth -= 1;
    if (depth < 0 || depth > 1) throw new TemplateSyntaxError(source, 'unbalanced braces');
    if (ch === '/' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0) throw new TemplateSyntaxError(source, 'unbalanced braces');
  parts.push(current);
  return parts;
}

function plainSegment(source: string, text: string): TemplateSegment {
  if (text === '*') return { kind: 'wildcard' };
  if (text === '**') return { kind: 'deep' };
  if (text === '' || /[{}*:]/.test(text)) throw new TemplateSyntaxError(source, `bad segment "${text}"`);
  return { kind: 'literal', value: text };
}

/**
 * Matches a raw (still percent-encoded) URL path, without its query string, against the template.
 * Returns the variable bindings, or undefined when the path does not match.
 */
export function matchPathTemplate(template: PathTemplate, rawPath: string): PathBindings | undefined {
  if (!rawPath.startsWith('/')) return undefined;
  let body = rawPath.slice(1);
  if (template.verb !== undefined) {
    const suffix = `:${template.verb}`;
    if (!body.endsWith(suffix)) return undefined;
    body = body.slice(0, -suffix.length);
  }
  const rawSegments = body.split('/');
  const literals = rawSegments.map(decodeSegment);
  if (literals.some((s) => s === undefined)) return undefined;
  const spans = matchSegments(template.segments, literals as string[]);
  if (!spans) return undefined;
  const bindings: PathBindings = new Map();
  for (const variable of template.variables) {
    const raw = rawSegments.slice(spans[variable.start], spans[variable.end]);
    const single = variable.end - variable.start === 1 && template.segments[variable.start]!.kind !== 'deep';
    const value = single ? decodeSegment(raw[0] ?? '') : decodeKeepingSlashes(raw.join('/'));
    if (value === undefined) return undefined;
    bindings.set(variable.fieldPath, value);
  }
  return bindings;
}

/**
 * The index of the first path segment each template segment consumed (plus one trailing entry for the
 * end), or undefined when there is no match. `**` is matched greedily with backtracking.
 */
function matchSegments(segments: TemplateSegment[], path: string[]): number[] | undefined {
  const starts: number[] = [];
  const walk = (si: number, pi: number): boolean => {
    if (si === segments.length) {
      starts[si] = pi;
      return pi === path.length;
    }
    starts[si] = pi;
    const segment = segments[si]!;
    if (segment.kind === 'deep') {
      for (let take = path.length - pi; take >= 0; take -= 1) {
        if (path.slice(pi, pi + take).some((s) => s === '')) continue;
        if (walk(si + 1, pi + take)) return true;
      }
      return false;
    }
    const value = path[pi];
    if (value === undefined) return false;
    if (segment.kind === 'wildcard' ? value === '' : value !== segment.value) return false;
    return walk(si + 1, pi + 1);
  };
  return walk(0, 0) ? starts : undefined;
}

function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function decodeKeepingSlashes(raw: string): string | undefined {
  return decodeSegment(raw.replace(/%2F/gi, '%252F'));
}

/**
 * Orders templates so the more specific one sorts first: per segment a literal beats `*` beats `**`,
 * then a template with a verb beats one without, then the longer template wins.
 */
export function compareSpecificity(a: PathTemplate, b: PathTemplate): number {
  const rank = (s: TemplateSegment | undefined): number =>
    s === undefined ? 3 : s.kind === 'literal' ? 0 : s.kind === 'wildcard' ? 1 : 2;
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i += 1) {
    const diff = rank(a.segments[i]) - rank(b.segments[i]);
    if (diff !== 0) return diff;
  }
  if ((a.verb === undefined) !== (b.verb === undefined)) return a.verb === undefined ? 1 : -1;
  return b.segments.length - a.segments.length;
}
