import type { PatientSummary, Role } from '@venule/api-contract';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

interface Seed {
  key: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string;
}

const PEOPLE: Seed[] = [
  { key: 'siobhan', firstName: 'Siobhán', lastName: 'Ó Briain', dateOfBirth: '1984-02-29', phone: '07700 900123' },
  { key: 'oneill', firstName: 'Mary', lastName: "O'Neill", dateOfBirth: '1971-08-14', phone: '+44 7700 900456' },
  { key: 'zoe', firstName: 'Zoë', lastName: 'Kowalska', dateOfBirth: '1995-12-01', phone: '+44 (0)20 7946 0011' },
  { key: 'murphy1', firstName: 'Aoife', lastName: 'Murphy', dateOfBirth: '1988-03-12', phone: '07700 900201' },
  { key: 'murphy2', firstName: 'Ciara', lastName: 'Murphy', dateOfBirth: '1990-07-30', phone: '07700 900202' },
  { key: 'murphyson', firstName: 'Bethan', lastName: 'Murphyson', dateOfBirth: '1979-01-05', phone: '07700 900203' },
  { key: 'amurphy', firstName: 'Kate', lastName: 'Lamurphy', dateOfBirth: '1965-05-05', phone: '07700 900204' },
  { key: 'smith', firstName: 'Jo', lastName: 'Smith', dateOfBirth: '1990-07-30', phone: '07700 900205' },
  { key: 'archived', firstName: 'Hidden', lastName: 'Murphy', dateOfBirth: '1950-01-01', phone: '07700 900206' },
  { key: 'evans', firstName: 'Gwen', lastName: 'Evans', dateOfBirth: '1996-12-12', phone: '07700 900207' },
  { key: 'khan', firstName: 'Ayesha', lastName: 'Khan', dateOfBirth: '1982-04-09', phone: '07700 900208' },
  { key: 'patel', firstName: 'Priya', lastName: 'Patel', dateOfBirth: '1977-10-21', phone: '07700 900209' },
  { key: 'pryce', firstName: 'Cerys', lastName: 'Pryce', dateOfBirth: '1969-06-02', phone: '07700 900210' },
  { key: 'jones', firstName: 'Sarah', lastName: 'Jones', dateOfBirth: '2001-01-31', phone: '07700 900211' },
  { key: 'lee', firstName: 'Mei', lastName: 'Lee', dateOfBirth: '1999-03-03', phone: '07700 900212' },
];

describe('patient search', () => {
  let t: TestApp;
  let staff: Record<Role, StaffClient>;
  const ids: Record<string, string> = {};
  const numbers: Record<string, string> = {};

  const search = async (q: string, extra = '', who: Role = 'reception') => {
    const res = await staff[who].get(`/api/patients?q=${encodeURIComponent(q)}${extra}`);
    expect(res.status).toBe(200);
    return res.body as { items: PatientSummary[]; total: number; limit: number; offset: number };
  };
  const keysOf = (items: PatientSummary[]) => items.map((p) => Object.keys(ids).find((k) => ids[k] === p.id) ?? p.id);

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.signInAll();
    for (const p of PEOPLE) {
      const res = await staff.reception.post('/api/patients', {
        firstName: p.firstName,
        lastName: p.lastName,
        dateOfBirth: p.dateOfBirth,
        sex: 'female',
        phone: p.phone,
        email: `${p.key}@example.org`,
      });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      ids[p.key] = res.body.id;
      numbers[p.key] = res.body.clinicNumber;
    }
    await staff.reception.patch(`/api/patients/${ids['archived']}`, { version: 1, archived: true });
  });
  afterAll(() => t.stop());

  it.each([
    ['siobhan', 'siobhan'],
    ['SIOBHÁN', 'siobhan'],
    ['o briain', 'siobhan'],
    ['Ó Briain', 'siobhan'],
    ['briain siob', 'siobhan'],
    ['briai', 'siobhan'],
    ["o'neill", 'oneill'],
    ['O’Neill', 'oneill'],
    ['neill', 'oneill'],
    ['zoe', 'zoe'],
    ['kowalsk', 'zoe'],
  ])('finds %j case- and accent-insensitively', async (q, key) => {
    const { items } = await search(q);
    expect(keysOf(items)).toContain(key);
  });

  it.each([
    ['o brian', 'siobhan'],
    ['siobhan obriain', 'siobhan'],
    ['kowalsky', 'zoe'],
    ['murpy', 'murphy1'],
  ])('tolerates the typo %j', async (q, key) => {
    const { items } = await search(q);
    expect(keysOf(items)).toContain(key);
  });

  it.each([
    ['evens', 'evans'],
    ['Kahn', 'khan'],
    ['patal', 'patel'],
    ['pryse', 'pryce'],
    ['jonse', 'jones'],
    ['sarah jonse', 'jones'],
    ['gwen evens', 'evans'],
    ['lea', 'lee'],
  ])('finds a short surname with a one-letter slip: %j', async (q, key) => {
    const { items } = await search(q);
    expect(keysOf(items)[0]).toBe(key);
  });

  it('matches a one-letter slip only against names one letter away', async () => {
    expect(keysOf((await search('kahn')).items)).toEqual(['khan']);
    expect(keysOf((await search('sarah jonse')).items)).toEqual(['jones']);
    expect((await search('xqzv')).total).toBe(0);
  });

  it.each([['12/12/96'], ['12-12-96'], ['12.12.96'], ['evans 12/12/96']])('reads a two-digit year %j as a date of birth', async (q) => {
    expect(keysOf((await search(q)).items)).toEqual(['evans']);
  });

  it('does not return unrelated patients for a typo', async () => {
    const { items } = await search('kowalsky');
    expect(keysOf(items)).toEqual(['zoe']);
  });

  it('ranks exact last-name matches before prefixes and substrings, and hides archived patients', async () => {
    const { items, total } = await search('murphy');
    expect(keysOf(items)).toEqual(['murphy1', 'murphy2', 'murphyson', 'amurphy']);
    expect(total).toBe(4);
  });

  it('includes archived patients only when asked', async () => {
    const { items, total } = await search('murphy', '&includeArchived=true');
    expect(total).toBe(5);
    expect(items.find((p) => p.id === ids['archived'])).toMatchObject({ archived: true });
  });

  it('narrows by first and last name fragments in any order', async () => {
    // Fewer than five exact matches: close spellings may follow, ranked after them.
    expect(keysOf((await search('ciara murphy')).items)[0]).toBe('murphy2');
    expect(keysOf((await search('murphy ci')).items)[0]).toBe('murphy2');
  });

  it.each([
    ['the full clinic number', (n: string) => n],
    ['the clinic number in lower case', (n: string) => n.toLowerCase()],
    ['the clinic number without its prefix', (n: string) => n.slice(3)],
    ['the clinic number without prefix or leading zeros', (n: string) => String(Number(n.slice(3)))],
  ])('finds a patient by %s', async (_, form) => {
    const { items } = await search(form(numbers['zoe']));
    expect(keysOf(items)[0]).toBe('zoe');
  });

  it.each([
    ['07700 900123', 'siobhan'],
    ['07700900123', 'siobhan'],
    ['+44 7700 900123', 'siobhan'],
    ['+447700900123', 'siobhan'],
    ['900123', 'siobhan'],
    ['07700 900456', 'oneill'],
    ['+44 7700 900456', 'oneill'],
    ['020 7946 0011', 'zoe'],
  ])('finds a patient by the phone number %j', async (q, key) => {
    const { items } = await search(q);
    expect(keysOf(items)).toEqual([key]);
  });

  it.each([['1990-07-30'], ['30/07/1990'], ['30-07-1990'], ['30.7.1990']])('finds patients by date of birth %j', async (q) => {
    const { items } = await search(q);
    expect(keysOf(items).sort()).toEqual(['murphy2', 'smith']);
  });

  it('combines a name and a date of birth', async () => {
    expect(keysOf((await search('murphy 30/07/1990')).items)).toEqual(['murphy2']);
  });

  it('finds nothing for an impossible date or an unknown number', async () => {
    expect((await search('31/02/1990')).total).toBe(0);
    expect((await search('01632 960999')).total).toBe(0);
  });

  it('pages results with the total', async () => {
    const first = await search('murphy', '&limit=2&offset=0');
    const second = await search('murphy', '&limit=2&offset=2');
    const past = await search('murphy', '&limit=2&offset=10');
    expect(first).toMatchObject({ total: 4, limit: 2, offset: 0 });
    expect(keysOf(first.items)).toEqual(['murphy1', 'murphy2']);
    expect(keysOf(second.items)).toEqual(['murphyson', 'amurphy']);
    expect(past).toMatchObject({ items: [], total: 4 });
  });

  it('lists every unarchived patient in name order without q', async () => {
    const { items, total } = await search('', '&limit=200');
    expect(total).toBe(PEOPLE.length - 1);
    expect(items.map((p) => p.lastName)).toEqual(
      [...items.map((p) => p.lastName)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
    expect(items[0]).toEqual({
      id: expect.any(String),
      clinicNumber: expect.stringMatching(/^VN-/),
      firstName: expect.any(String),
      lastName: expect.any(String),
      dateOfBirth: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      phone: expect.any(String),
      archived: false,
    });
  });

  it('treats LIKE wildcards in q as plain characters', async () => {
    expect((await search('%')).total).toBe(0);
    expect((await search('_')).total).toBe(0);
    expect((await search('m%y')).total).toBe(0);
  });

  it('is open to all four roles, and refuses bad paging', async () => {
    for (const role of ['reception', 'clinician', 'manager', 'admin'] as const) {
      expect(keysOf((await search('siobhan', '', role)).items)).toContain('siobhan');
    }
    const res = await staff.reception.get('/api/patients?limit=0');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit']);
  });

  // A name fragment is matched in a narrow copy of the searched columns, kept by triggers: every
  // edit of a patient must reach it before the next search.
  it('finds a patient by their new name and date of birth straight after an edit, and not by the old', async () => {
    const created = await staff.reception.post('/api/patients', {
      firstName: 'Nerys',
      lastName: 'Pritchard',
      dateOfBirth: '1958-09-17',
      sex: 'female',
      phone: '07700 900299',
    });
    const id = created.body.id as string;
    expect((await search('pritchard')).items.map((p) => p.id)).toEqual([id]);

    await staff.reception.patch(`/api/patients/${id}`, { version: 1, lastName: 'Prydderch', dateOfBirth: '1958-09-18' });
    expect((await search('pritchard')).total).toBe(0);
    expect((await search('prydderch')).items).toEqual([expect.objectContaining({ id, lastName: 'Prydderch', dateOfBirth: '1958-09-18' })]);
    expect((await search('nerys 17/09/1958')).total).toBe(0);
    expect((await search('nerys 18/09/1958')).items.map((p) => p.id)).toEqual([id]);

    await staff.reception.patch(`/api/patients/${id}`, { version: 2, phone: '07700 900298' });
    expect((await search('prydderch')).items.map((p) => p.id)).toEqual([id]);

    await staff.reception.patch(`/api/patients/${id}`, { version: 3, archived: true });
    expect((await search('prydderch')).total).toBe(0);
    expect((await search('prydderch', '&includeArchived=true')).items).toEqual([expect.objectContaining({ id, archived: true })]);
  });
});

/**
 * One word is searched in the names' suffixes (oneWordSearchSql), everything else in the names
 * themselves. Including archived patients takes the other path, so with the archived taken out
 * again the two must agree on every match, its rank and its place, the total and every page.
 */
describe('patient search for one word', () => {
  let t: TestApp;
  let staff: Record<Role, StaffClient>;
  const NAMES: [string, string, boolean?][] = [
    ['Ann', 'Smith'],
    ['Joanne', 'Annis'],
    ['Mary-Ann', 'Jones'],
    ['Zoe', 'Hannah'],
    ['Nia', 'Ann'],
    ['Ann', 'Ann'],
    ['Anna', "O'Annan"],
    ['Rosann', 'Dunn'],
    ['Annabel', 'Hannan'],
    ['Ånn', 'Ström'],
    ['Siân', 'Ann-Marie'],
    ['Dewi', 'Ann', true],
    ['Ann', 'Archer', true],
    ['Bethan', 'Evans'],
    ['Evan', 'Bevans'],
    ['Evans', 'Price'],
    ['Gwen', 'Evanson'],
    ['Rhys', 'Evans-Jones'],
    ['Cai', 'Evans'],
    ['Evans', 'Evans'],
  ];

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.signInAll();
    for (const [i, [firstName, lastName, archived]] of NAMES.entries()) {
      const res = await staff.reception.post('/api/patients', {
        firstName,
        lastName,
        dateOfBirth: `19${60 + i}-0${(i % 9) + 1}-1${i % 10}`,
        sex: 'female',
        phone: `07700 9004${String(i).padStart(2, '0')}`,
      });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      if (archived) await staff.reception.patch(`/api/patients/${res.body.id}`, { version: 1, archived: true });
    }
  });
  afterAll(() => t.stop());

  const get = async (query: string) => {
    const res = await staff.reception.get(`/api/patients?${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: PatientSummary[]; total: number };
  };

  it.each(['ann', 'ANN', 'Ánn', 'evans', 'Evans', 'evan', 'van'])(
    'ranks, orders, counts and pages %j as a search of the names themselves does',
    async (q) => {
      const word = encodeURIComponent(q);
      const everyone = await get(`q=${word}&includeArchived=true&limit=100`);
      const expected = everyone.items.filter((p) => !p.archived);
      // Five or more, so that no close spellings follow, which are not this search's.
      expect(everyone.total).toBe(everyone.items.length);
      expect(expected.length).toBeGreaterThanOrEqual(5);
      const found = await get(`q=${word}&limit=100`);
      expect(found.items).toEqual(expected);
      expect(found.total).toBe(expected.length);
      for (let offset = 0; offset < expected.length; offset += 2) {
        const page = await get(`q=${word}&limit=2&offset=${offset}`);
        expect(page.items).toEqual(expected.slice(offset, offset + 2));
        expect(page.total).toBe(expected.length);
      }
      expect(await get(`q=${word}&limit=2&offset=${expected.length}`)).toMatchObject({ items: [], total: expected.length });
    },
  );

  it('puts exact last names first, then names and last names starting with the word, then names with a later word starting with it, then the rest, each by last name', async () => {
    const names = (await get('q=ann&limit=100')).items.map((p) => `${p.firstName} ${p.lastName}`);
    expect(names).toEqual([
      'Ann Ann',
      'Nia Ann',
      'Siân Ann-Marie',
      'Joanne Annis',
      'Annabel Hannan',
      "Anna O'Annan",
      'Ann Smith',
      'Ånn Ström',
      'Mary-Ann Jones',
      'Rosann Dunn',
      'Zoe Hannah',
    ]);
  });
});
