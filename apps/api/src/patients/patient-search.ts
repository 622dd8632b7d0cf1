/**
 * Reception's patient search, as SQL. Framework-free so `tools/bench/patient-search.ts` measures
 * exactly the statements the API runs.
 *
 * What `q` can be (SPEC §4 "q matches name, clinic number, phone, DOB"):
 * - a clinic number, `VN-001234` or just its digits (`1234`, `001234`);
 * - a phone number in any formatting (`07700 900123`, `+44 7700 900123`): matched on its last
 *   10 (or fewer, at least 6) digits, so the national and international forms find each other;
 * - a date of birth, `YYYY-MM-DD` or `DD/MM/YYYY` (also `D/M/YYYY`, `DD-MM-YYYY`, `DD.MM.YYYY`), or
 *   with a two-digit year (`12/12/96`), which matches both centuries (1996 and 2096: no clock
 *   here, and nobody is born in the future);
 * - name fragments in any order, case- and accent-insensitive (`siobhan`, `o briain`,
 *   `briain siob`), optionally with a date of birth (`murphy 12/03/1980`).
 *
 * Ranking: clinic number and phone matches, then exact name, then prefix (last name or full
 * name), then word prefix, then substring. Only when those find fewer than
 * `FUZZY_WHEN_FEWER_THAN` rows are typo-tolerant matches added, ranked after every exact-ish
 * match: names one letter away from every typed word (a letter dropped, added, changed or two
 * swapped, whatever the name's length: "kahn" finds Khan), then trigram matches (word similarity
 * ≥ `FUZZY_THRESHOLD`, for longer slips). Ordering thousands of similarity scores is what costs
 * (TOOLCHAIN.md), so fuzzy is the fallback, never the first query.
 */

export const FUZZY_WHEN_FEWER_THAN = 5;
/** pg_trgm word similarity a typo must reach ("o brian" ↔ "siobhan o briain" is 0.875). */
export const FUZZY_THRESHOLD = 0.55;
/** Letters a query needs before trigram similarity is worth asking (see fuzzySearchSql). */
export const TRIGRAM_MIN_LETTERS = 6;

export interface ParsedSearch {
  /** Exact clinic number, e.g. `VN-001234`. */
  clinicNumber?: string;
  /** Trailing phone digits to match. */
  phoneSuffix?: string;
  /** Dates of birth `YYYY-MM-DD` (two with a two-digit year, one per century). */
  datesOfBirth?: string[];
  /** Name fragments as typed (folded in SQL by `venule_fold`). */
  nameTokens: string[];
}

export interface SearchOptions {
  includeArchived: boolean;
  limit: number;
  offset: number;
}

export interface SqlStatement {
  sql: string;
  params: unknown[];
}

const pad2 = (n: string) => n.padStart(2, '0');

function realDate(y: string, m: string, d: string): string | undefined {
  const iso = `${y}-${pad2(m)}-${pad2(d)}`;
  const t = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(t);
  if (Number.isNaN(t) || back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(m) - 1 || back.getUTCDate() !== Number(d)) {
    return undefined;
  }
  return iso;
}

/**
 * `YYYY-MM-DD`, `DD/MM/YYYY` or `DD/MM/YY` (also with `-` or `.`) → the dates it can mean as
 * `YYYY-MM-DD`, or undefined.
 */
export function parseDateToken(token: string): string[] | undefined {
  const real = (dates: (string | undefined)[]) => {
    const found = dates.filter((d): d is string => !!d);
    return found.length ? found : undefined;
  };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(token);
  if (m) return real([realDate(m[1], m[2], m[3])]);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(token);
  if (!m) return undefined;
  const years = m[3].length === 4 ? [m[3]] : [`19${m[3]}`, `20${m[3]}`];
  return real(years.map((y) => realDate(y, m[2], m[1])));
}

/** Splits what reception typed into the shapes above. */
export function parseSearch(raw: string): ParsedSearch {
  const q = raw
    .normalize('NFC')
    .replace(/[\u2018\u2019`´]/g, "'")
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!q) return { nameTokens: [] };

  const clinic = /^vn[-\s]?(\d{1,9})$/i.exec(q);
  if (clinic) return { clinicNumber: `VN-${clinic[1].padStart(6, '0')}`, nameTokens: [] };

  const whole = parseDateToken(q);
  if (whole) return { datesOfBirth: whole, nameTokens: [] };

  if (/^\+?[\d\s().-]+$/.test(q)) {
    const digits = q.replace(/\D/g, '');
    if (digits.length > 0) {
      return {
        clinicNumber: digits.length <= 9 ? `VN-${digits.replace(/^0+(?=\d)/, '').padStart(6, '0')}` : undefined,
        phoneSuffix: digits.length >= 6 ? digits.slice(-10) : undefined,
        nameTokens: [],
      };
    }
  }

  const parsed: ParsedSearch = { nameTokens: [] };
  for (const token of q.split(' ')) {
    const date = parseDateToken(token);
    if (date && !parsed.datesOfBirth) parsed.datesOfBirth = date;
    else parsed.nameTokens.push(token);
  }
  return parsed;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const letters = (p: ParsedSearch) => p.nameTokens.join(' ').replace(/[^\p{L}]/gu, '').length;

/** True when a typo-tolerant fallback makes sense for this query. */
export function fuzzyApplies(p: ParsedSearch): boolean {
  return letters(p) >= 3;
}

/** True when the fallback also asks trigram similarity (which needs its threshold set first). */
export function trigramsApply(p: ParsedSearch): boolean {
  return letters(p) >= TRIGRAM_MIN_LETTERS;
}

const SUMMARY_COLUMNS = `p.id, p.clinic_number AS "clinicNumber", p.first_name AS "firstName", p.last_name AS "lastName",
  to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", p.phone, p.archived`;
const ORDER_TAIL = `p.search_last, p.search_first, p.date_of_birth, p.id`;

/**
 * Builds the WHERE clause and rank expression of the strong (non-fuzzy) match.
 * `params` is appended to; placeholders are numbered accordingly.
 */
function strongMatch(p: ParsedSearch, params: unknown[]): { where: string; rank: string; dobFilter: string | null; namesOnly: boolean } {
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const dobFilter = p.datesOfBirth ? `p.date_of_birth = ANY(${add(p.datesOfBirth)}::date[])` : null;

  if (p.clinicNumber || p.phoneSuffix) {
    const parts: string[] = [];
    const ranks: string[] = [];
    if (p.clinicNumber) {
      const c = add(p.clinicNumber);
      parts.push(`p.clinic_number = ${c}`);
      ranks.push(`WHEN p.clinic_number = ${c} THEN 0`);
    }
    if (p.phoneSuffix) {
      // Digits only, so nothing to escape; reversed so the index on reverse(phone_digits) serves it.
      const r = add(p.phoneSuffix.split('').reverse().join('') + '%');
      parts.push(`reverse(p.phone_digits) LIKE ${r}`);
    }
    return {
      where: `(${parts.join(' OR ')})`,
      rank: ranks.length ? `CASE ${ranks.join(' ')} ELSE 1 END` : '1',
      dobFilter,
      namesOnly: false,
    };
  }

  if (p.nameTokens.length === 0) {
    return { where: dobFilter ?? 'true', rank: '2', dobFilter: null, namesOnly: false };
  }

  const full = p.nameTokens.join(' ');
  const fullEq = add(full);
  const fullPrefix = add(escapeLike(full) + '%');
  const long = p.nameTokens.filter((t) => t.length >= 3);
  const conditions: string[] = [];
  const wordPrefix: string[] = [];
  for (const token of p.nameTokens) {
    const esc = escapeLike(token);
    const wp = add(`% ${esc}%`);
    wordPrefix.push(`(' ' || translate(p.search_name, '''-', '  ')) LIKE venule_fold(${wp})`);
    if (token.length >= 3) conditions.push(`p.search_name LIKE venule_fold(${add(`%${esc}%`)})`);
  }
  let where: string;
  if (long.length > 0) {
    // Substring of every long fragment (trigram index), short fragments as word prefixes.
    const shortPrefixes = p.nameTokens.map((t, i) => (t.length < 3 ? wordPrefix[i] : null)).filter(Boolean);
    where = [...conditions, ...shortPrefixes].join(' AND ');
  } else {
    // Only one- or two-letter fragments: the trigram index cannot help, so it is a prefix of
    // the last name or of the full name (both btree-indexed), every fragment a word prefix.
    where = `(p.search_last LIKE venule_fold(${fullPrefix}) OR p.search_name LIKE venule_fold(${fullPrefix})) AND ${wordPrefix.join(' AND ')}`;
  }
  const rank = `CASE
      WHEN p.search_name = venule_fold(${fullEq}) OR p.search_last = venule_fold(${fullEq}) THEN 2
      WHEN p.search_last LIKE venule_fold(${fullPrefix}) OR p.search_name LIKE venule_fold(${fullPrefix}) THEN 3
      WHEN ${wordPrefix.join(' AND ')} THEN 4
      ELSE 5 END`;
  return { where: `(${where})`, rank, dobFilter, namesOnly: long.length > 0 };
}

const archivedFilter = (o: SearchOptions) => (o.includeArchived ? 'true' : 'NOT p.archived');

/**
 * A single word of plain Latin letters, three or more: folded, it is letters only, so it matches a
 * name exactly where one of the name's suffixes starts with it (see oneWordSearchSql).
 */
const ONE_WORD = /^[a-zà-öø-ÿĀ-ſ]{3,}$/i;

function oneWord(p: ParsedSearch, o: SearchOptions): string | undefined {
  const [word, ...more] = p.nameTokens;
  if (more.length || p.datesOfBirth || p.clinicNumber || p.phoneSuffix || o.includeArchived) return undefined;
  return ONE_WORD.test(word ?? '') ? word : undefined;
}

/**
 * The strong matches of one word among unarchived patients, ranked, ordered and counted as
 * strongSearchSql's would be, without reading each matching patient's row. With the word folded
 * to w, a match is either
 * - rank 2, the last name is w (the full name always holds a space, so it never is w): in search
 *   order straight from `patient_names_live_order`, only as many as the page needs, and counted
 *   in the same index. This is the common surname's thousands;
 * - any other patient whose name holds w: from `patient_name_suffixes`, the suffixes starting with
 *   w (less the last names equal to w), one row a patient, the one where w first appears, ranked
 *   by strongMatch's own rank. Few, even for a common surname.
 */
function oneWordSearchSql(p: ParsedSearch, word: string, o: SearchOptions): SqlStatement {
  const params: unknown[] = [];
  const m = strongMatch(p, params);
  params.push(word);
  const w = `venule_fold($${params.length})`;
  params.push(o.limit, o.offset);
  const [limit, offset] = [`$${params.length - 1}`, `$${params.length}`];
  const sql = `
    SELECT ${SUMMARY_COLUMNS}, page.total
    FROM (
      SELECT u.id, u.rank, u.search_last, u.search_first, u.date_of_birth,
             (SELECT count(*) FROM patient_names WHERE NOT archived AND search_last = ${w})::int
               + coalesce(max(u.others) OVER (), 0) AS total
        FROM ((SELECT id, 2 AS rank, search_last, search_first, date_of_birth, NULL::int AS others
                 FROM patient_names
                WHERE NOT archived AND search_last = ${w}
                ORDER BY search_last, search_first, date_of_birth, id LIMIT ${limit}::int + ${offset}::int)
              UNION ALL
              (SELECT p.patient_id, ${m.rank}, p.search_last, p.search_first, p.date_of_birth, count(*) OVER ()::int
                 FROM (SELECT * FROM patient_name_suffixes WHERE NOT starts_last AND suffix LIKE ${w} || '%'
                       UNION ALL -- a last name that is w is rank 2's: skipped in the index, not filtered
                       SELECT * FROM patient_name_suffixes WHERE starts_last AND suffix > ${w} AND suffix LIKE ${w} || '%') p
                WHERE ${m.where} AND p.search_last <> ${w}
                  -- the suffix where w first appears: one row a patient
                  AND strpos(p.search_name, ${w}) = length(p.search_name) - length(p.suffix) + 1
                ORDER BY 2, p.search_last, p.search_first, p.date_of_birth, p.patient_id LIMIT ${limit}::int + ${offset}::int)) u
       ORDER BY u.rank, u.search_last, u.search_first, u.date_of_birth, u.id
       LIMIT ${limit} OFFSET ${offset}
    ) page JOIN patients p ON p.id = page.id
    ORDER BY page.rank, page.search_last, page.search_first, page.date_of_birth, page.id`;
  return { sql, params };
}

/**
 * The page of strong matches, each row carrying the total count. The count needs every match, so
 * the inner query carries only the sort keys through the count and the sort, and the page's rows
 * are read again by id for what is shown: formatting and carrying whole rows for every match (3,054
 * for "evans" at 100,000 patients) was about a third of the statement. A substring match of a name
 * fragment, the shape that finds thousands, reads the narrow `patient_names` (see its migration),
 * which holds every column the inner query needs.
 */
export function strongSearchSql(p: ParsedSearch, o: SearchOptions): SqlStatement {
  const word = oneWord(p, o);
  if (word) return oneWordSearchSql(p, word, o);
  const params: unknown[] = [];
  const m = strongMatch(p, params);
  params.push(o.limit, o.offset);
  const sql = `
    SELECT ${SUMMARY_COLUMNS}, page.total
    FROM (
      SELECT p.id, ${m.rank} AS rank, p.search_last, p.search_first, p.date_of_birth, count(*) OVER ()::int AS total
      FROM ${m.namesOnly ? 'patient_names' : 'patients'} p
      WHERE ${archivedFilter(o)} AND ${m.where}${m.dobFilter ? ` AND ${m.dobFilter}` : ''}
      ORDER BY rank, ${ORDER_TAIL}
      LIMIT $${params.length - 1} OFFSET $${params.length}
    ) page JOIN patients p ON p.id = page.id
    ORDER BY page.rank, page.search_last, page.search_first, page.date_of_birth, page.id`;
  return { sql, params };
}

/**
 * Strong matches first, then typo-tolerant ones: names one letter away from every typed word,
 * then by word similarity above the session's `pg_trgm.word_similarity_threshold` (which the
 * caller sets to FUZZY_THRESHOLD in the same transaction), best first.
 */
export function fuzzySearchSql(p: ParsedSearch, o: SearchOptions): SqlStatement {
  const params: unknown[] = [];
  const m = strongMatch(p, params);
  // Every typed word of three letters or more is one letter away from a word of the name.
  const words = p.nameTokens.filter((t) => t.replace(/[^\p{L}]/gu, '').length >= 3);
  const near = words.map((t) => {
    params.push(t);
    return `p.name_variants && venule_name_variants(venule_fold($${params.length}))`;
  });
  const oneLetterAway = near.length ? near.join(' AND ') : 'false';
  // A short query's trigrams ("  k", " ka") are in most names: the index would hand back tens of
  // thousands of rows to score. Short slips are the one-letter match's job, and their matches are
  // ordered by name: scoring the 2,700 names one letter from "jonse" took half the statement.
  let similar = 'false';
  let sim = '0::real';
  if (trigramsApply(p)) {
    params.push(p.nameTokens.join(' '));
    similar = `venule_fold($${params.length}) <% p.search_name`;
    sim = `word_similarity(venule_fold($${params.length}), p.search_name)`;
  }
  params.push(o.limit, o.offset);
  const dob = m.dobFilter ? ` AND ${m.dobFilter}` : '';
  const sortKeys = `p.search_last AS ln, p.search_first AS fn`;
  const sql = `
    SELECT id, "clinicNumber", "firstName", "lastName", "dateOfBirth", phone, archived, count(*) OVER ()::int AS total
    FROM (
      SELECT ${SUMMARY_COLUMNS}, ${m.rank} AS rank, 1::real AS sim, ${sortKeys}
      FROM patients p
      WHERE ${archivedFilter(o)} AND ${m.where}${dob}
      UNION ALL
      SELECT ${SUMMARY_COLUMNS}, CASE WHEN ${oneLetterAway} THEN 8 ELSE 9 END AS rank, ${sim} AS sim, ${sortKeys}
      FROM patients p
      WHERE ${archivedFilter(o)} AND (${similar} OR ${oneLetterAway}) AND NOT ${m.where}${dob}
    ) found
    ORDER BY rank, sim DESC, ln, fn, "dateOfBirth", id
    LIMIT $${params.length - 1} OFFSET $${params.length}`;
  return { sql, params };
}

/** Every (unarchived) patient in name order, no count: the caller counts separately. */
export function listSql(o: SearchOptions): SqlStatement {
  return {
    sql: `SELECT ${SUMMARY_COLUMNS} FROM patients p WHERE ${archivedFilter(o)} ORDER BY ${ORDER_TAIL} LIMIT $1 OFFSET $2`,
    params: [o.limit, o.offset],
  };
}

export function countSql(o: SearchOptions): SqlStatement {
  return { sql: `SELECT count(*)::int AS total FROM patients p WHERE ${archivedFilter(o)}`, params: [] };
}

export const setFuzzyThresholdSql = `SELECT set_config('pg_trgm.word_similarity_threshold', '${FUZZY_THRESHOLD}', true)`;

export interface SummaryRow {
  id: string;
  clinicNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string;
  archived: boolean;
  total?: number;
}
