import type { Json } from '../client/rest-client';
import { tableText } from './table-text';
import type { Column } from './table-text';
import { yamlText } from './yaml-text';

export const FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/** Writes what a command shows, in the format `--format` asked for. */
export class OutputPrinter {
  constructor(
    readonly format: OutputFormat,
    private readonly write: (text: string) => void,
    private readonly writeErr: (text: string) => void,
  ) {}

  /** A list: a table with `columns`, or the items as a JSON or YAML list. */
  list<T extends Json>(items: readonly T[], columns: readonly Column<T>[]): void {
    if (this.format !== 'table') this.value(items);
    else if (items.length === 0) this.writeErr('Listed 0 items.\n');
    else this.write(tableText(items, columns));
  }

  /**
   * One resource: as JSON, or YAML (also for `table`, as gcloud's describe commands show a resource),
   * or, with `columns`, a one-row table.
   */
  resource(resource: unknown, columns?: readonly Column<Json>[]): void {
    if (this.format === 'table' && columns) this.write(tableText([resource as Json], columns));
    else if (this.format === 'table') this.write(yamlText(resource));
    else this.value(resource);
  }

  /** Any JSON value in the structured formats; `table` writes it as YAML. */
  value(value: unknown): void {
    this.write(this.format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : yamlText(value));
  }

  /** A line for a person, on stderr as gcloud writes them ("Created model [iris]."): stdout stays parseable. */
  note(text: string): void {
    this.writeErr(`${text}\n`);
  }
}
