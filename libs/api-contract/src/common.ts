/** Fields every stored record comes back with. */
export interface RecordMeta {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Every list endpoint answers with a page. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const LEGS = ['left', 'right'] as const;
export type Leg = (typeof LEGS)[number];

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** An instant, ISO 8601 with offset. */
export type IsoInstant = string;
