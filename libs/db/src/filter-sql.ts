import type { Knex } from 'knex';
import type { FilterTerm } from '@presage/resources';

/** Applies parsed filter terms; `columns` maps each filterable field to its column (`labels` to a jsonb one). */
export function applyFilter(
  query: Knex.QueryBuilder,
  terms: FilterTerm[],
  columns: Record<string, string>,
): void {
  for (const term of terms) {
    if (term.field.startsWith('labels.')) {
      const key = term.field.slice('labels.'.length);
      const expression = `${columns['labels']!}->>?`;
      if (term.match === 'prefix')
        query.whereRaw(`${expression} like ? escape '\\'`, [key, `${escapeLike(term.value)}%`]);
      else query.whereRaw(`${expression} = ?`, [key, term.value]);
      continue;
    }
    const column = columns[term.field]!;
    if (term.match === 'prefix')
      query.whereRaw(`${column}::text like ? escape '\\'`, [`${escapeLike(term.value)}%`]);
    else query.whereRaw(`${column}::text = ?`, [term.value]);
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
