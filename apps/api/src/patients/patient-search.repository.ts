/**
 * Runs reception's patient search: the statements are built in `patient-search.ts`, and this is
 * the one place that executes them, for the API (`PatientsRepository.search`) and for
 * `tools/bench/patient-search.ts` alike, so the bench times exactly what the API runs.
 */
import {
  countSql,
  FUZZY_WHEN_FEWER_THAN,
  fuzzyApplies,
  fuzzySearchSql,
  listSql,
  parseSearch,
  setFuzzyThresholdSql,
  strongSearchSql,
  trigramsApply,
  type SearchOptions,
  type SummaryRow,
} from './patient-search';

/** What the search needs from a database: the API passes its DataSource, the bench the same. */
export interface SearchDb {
  query(sql: string, params: unknown[]): Promise<SummaryRow[]>;
  /** Runs `work` in one transaction (the fuzzy threshold is SET LOCAL). */
  transaction<T>(work: (query: SearchDb['query']) => Promise<T>): Promise<T>;
}

/**
 * The whole search: strong matches; if they are fewer than FUZZY_WHEN_FEWER_THAN and the query
 * has letters, strong + fuzzy in one statement. `shape` says which ran (the bench reports it).
 */
export async function runSearch(
  db: SearchDb,
  q: string,
  options: SearchOptions,
): Promise<{ rows: SummaryRow[]; total: number; shape: 'list' | 'strong' | 'fuzzy' }> {
  if (!q.trim()) {
    const list = listSql(options);
    const count = countSql(options);
    const rows = await db.query(list.sql, list.params);
    const [{ total }] = await db.query(count.sql, count.params);
    return { rows, total: total ?? 0, shape: 'list' };
  }
  const parsed = parseSearch(q);
  const strong = strongSearchSql(parsed, options);
  const rows = await db.query(strong.sql, strong.params);
  let total = rows[0]?.total;
  if (total === undefined) {
    // A page past the end carries no total: count on the first page.
    const first = options.offset > 0 ? strongSearchSql(parsed, { ...options, limit: 1, offset: 0 }) : undefined;
    total = first ? ((await db.query(first.sql, first.params))[0]?.total ?? 0) : 0;
  }
  if (total >= FUZZY_WHEN_FEWER_THAN || !fuzzyApplies(parsed)) return { rows, total, shape: 'strong' };
  const fuzzy = fuzzySearchSql(parsed, options);
  const fuzzyRows = trigramsApply(parsed)
    ? await db.transaction(async (query) => {
        await query(setFuzzyThresholdSql, []);
        return query(fuzzy.sql, fuzzy.params);
      })
    : await db.query(fuzzy.sql, fuzzy.params);
  return { rows: fuzzyRows, total: fuzzyRows[0]?.total ?? total, shape: 'fuzzy' };
}
