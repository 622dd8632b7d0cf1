import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A cell a spreadsheet would run as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/**
 * RFC 4180 CSV with a header row. Text that a spreadsheet would read as a formula is prefixed with
 * a single quote, so opening the file never runs anything; numbers stay numbers.
 */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return stringify(
    rows.map((row) => columns.map((c) => c.value(row) ?? '')),
    {
      header: true,
      columns: columns.map((c) => c.header),
      record_delimiter: 'windows',
      cast: { string: (value) => (FORMULA_START.test(value) ? `'${value}` : value) },
    },
  );
}

/** True when the client asked for CSV (`Accept: text/csv`). */
export const wantsCsv = (request: FastifyRequest) => /\btext\/csv\b/i.test(String(request.headers.accept ?? ''));

/** Marks the reply as a CSV download named `name`. */
export function sendAsCsv(reply: FastifyReply, name: string): void {
  void reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${name}.csv"`);
}
