import type { Ceap, IsoDate, Sex } from '@venule/api-contract';
import { addDays, addMonths } from '@venule/clinical-rules';
import type { EntityManager } from 'typeorm';
import { MedicalHistoryRepository } from '../medical-history/medical-history.repository';
import { PatientsRepository } from '../patients/patients.repository';
import { AuditRecordingRepository } from '../platform/audit/audit-recording.repository';

/** Stateless repositories (every method takes the transaction): the ones the features write with. */
const registry = new PatientsRepository();
const histories = new MedicalHistoryRepository();
const trail = new AuditRecordingRepository();

interface DemoHistory {
  conditions?: string[];
  acknowledgements?: Record<string, string>;
  weightKg?: number;
  /** How long ago the weight was measured, in days (default: at the history, below). */
  weightDaysAgo?: number;
  /** How long ago the history was recorded, in days. */
  daysAgo: number;
  ceap?: { left?: Ceap; right?: Ceap };
}

interface DemoPatient {
  firstName: string;
  lastName: string;
  sex: Sex;
  /** Age in whole years today; `birthdayIn` days until the next birthday (1–364) spreads birthdays. */
  age: number;
  birthdayIn: number;
  phone: string;
  /** She gave only a phone number: registration needs one way to reach a patient, not both. */
  noEmail?: boolean;
  address: string;
  postcode: string;
  gpName?: string;
  registeredDaysAgo: number;
  history: DemoHistory | null;
  archived?: boolean;
}

/** Thread veins: CEAP C1, primary, superficial, no reflux or obstruction. */
const C1 = (symptomatic = false): Ceap => ({ c: 'C1', e: 'Ep', a: 'As', p: 'Pn', symptomatic });

/**
 * The demo clinic's patients: a thread-vein clinic's list is mostly women of 25–70. Names with
 * accents and apostrophes on purpose (search must find "siobhan" and "o'neill"). Phone numbers
 * are from Ofcom's drama ranges (07700 900xxx, 020 7946 0xxx) and emails on example.org.
 *
 * Other seeders find patients by key: `seedDemoPatients` returns `{ siobhan: id, … }`.
 */
const PATIENTS = {
  siobhan: {
    firstName: 'Siobhán',
    lastName: 'Ó Briain',
    sex: 'female',
    age: 41,
    birthdayIn: 96,
    phone: '07700 900123',
    address: '14 Elgin Crescent, London',
    postcode: 'W11 2JA',
    gpName: 'Dr Farah Siddiqui',
    registeredDaysAgo: 210,
    history: {
      daysAgo: 200,
      conditions: ['hormonal_therapy'],
      acknowledgements: { hormonal_therapy: 'Combined pill for 10 years. No other clot risk factors; discussed, happy to proceed.' },
      weightKg: 62,
      ceap: { left: C1(), right: C1() },
    },
  },
  aoife: {
    firstName: 'Aoife',
    lastName: 'Murphy',
    sex: 'female',
    age: 34,
    birthdayIn: 210,
    phone: '+44 7700 900201',
    address: '3 Primrose Gardens, Manchester',
    postcode: 'M20 2RL',
    gpName: 'Dr Owen Price',
    registeredDaysAgo: 150,
    history: { daysAgo: 140, weightKg: 58.5, ceap: { left: C1() } },
  },
  ciara: {
    firstName: 'Ciara',
    lastName: 'Murphy',
    sex: 'female',
    age: 43,
    birthdayIn: 33,
    phone: '07700 900202',
    address: '88 Canal Street, Manchester',
    postcode: 'M1 3HE',
    registeredDaysAgo: 95,
    history: { daysAgo: 90, weightKg: 71, ceap: { right: C1() } },
  },
  zoe: {
    firstName: 'Zoë',
    lastName: 'Clarke',
    sex: 'female',
    age: 29,
    birthdayIn: 12,
    phone: '07700 900311',
    address: 'Flat 2, 41 Gloucester Road, Bristol',
    postcode: 'BS7 8AE',
    gpName: 'Dr Helen Moss',
    registeredDaysAgo: 120,
    history: {
      daysAgo: 110,
      conditions: ['allergy_tendency'],
      acknowledgements: { allergy_tendency: 'Hay fever and a rash after plasters. Test injection planned at first session.' },
      weightKg: 55,
      ceap: { left: C1(), right: C1() },
    },
  },
  maryOneill: {
    firstName: 'Mary',
    lastName: "O'Neill",
    sex: 'female',
    age: 56,
    birthdayIn: 300,
    phone: '+44 7700 900456',
    address: '27 Mourne View, Belfast',
    postcode: 'BT5 6FQ',
    gpName: 'Dr Sean Quinn',
    registeredDaysAgo: 300,
    history: {
      daysAgo: 280,
      conditions: ['past_dvt', 'anticoagulants'],
      acknowledgements: {
        past_dvt: 'Left calf DVT after a long-haul flight in 2014, fully resolved on scan.',
        anticoagulants: 'Apixaban since 2014 (GP letter on file). Warned about extra bruising; not stopping it.',
      },
      weightKg: 74,
      weightDaysAgo: 60,
      ceap: { left: C1(true) },
    },
  },
  priya: {
    firstName: 'Priya',
    lastName: 'Sharma',
    sex: 'female',
    age: 38,
    birthdayIn: 150,
    phone: '07700 900512',
    address: '9 Leamington Road, Coventry',
    postcode: 'CV3 6GF',
    registeredDaysAgo: 75,
    history: { daysAgo: 70, weightKg: 60, ceap: { left: C1(), right: C1() } },
  },
  grace: {
    firstName: 'Grace',
    lastName: 'Okafor',
    sex: 'female',
    age: 45,
    birthdayIn: 45,
    phone: '020 7946 0123',
    address: '112 Peckham Rye, London',
    postcode: 'SE15 4JR',
    gpName: 'Dr Ade Bello',
    registeredDaysAgo: 180,
    history: {
      daysAgo: 175,
      conditions: ['obesity'],
      acknowledgements: { obesity: 'BMI 34. Discussed clot risk and walking after treatment; no other risk factors.' },
      weightKg: 96,
      ceap: { right: C1() },
    },
  },
  emma: {
    firstName: 'Emma',
    lastName: 'Thompson-Reid',
    sex: 'female',
    age: 52,
    birthdayIn: 260,
    phone: '07700 900634',
    address: '5 The Close, Harrogate',
    postcode: 'HG1 2LQ',
    gpName: 'Dr Ian Fraser',
    registeredDaysAgo: 400,
    history: {
      daysAgo: 390,
      conditions: ['hormonal_therapy'],
      acknowledgements: { hormonal_therapy: 'HRT patch (transdermal oestrogen), lower clot risk than tablets. Proceed.' },
      weightKg: 67,
      weightDaysAgo: 30,
      ceap: { left: C1(), right: C1() },
    },
  },
  chloe: {
    firstName: 'Chloé',
    lastName: 'Martin',
    sex: 'female',
    age: 27,
    birthdayIn: 180,
    phone: '+33 6 12 34 56 78',
    address: '21 Bath Street, Brighton',
    postcode: 'BN1 3TB',
    registeredDaysAgo: 40,
    history: { daysAgo: 35, weightKg: 54, ceap: { left: C1() } },
  },
  fatima: {
    firstName: 'Fatima',
    lastName: 'Begum',
    sex: 'female',
    age: 33,
    birthdayIn: 77,
    phone: '07700 900745',
    address: '60 Whitechapel Road, London',
    postcode: 'E1 1JX',
    gpName: 'Dr Nadia Rahman',
    registeredDaysAgo: 60,
    history: { daysAgo: 20, conditions: ['pregnancy'], weightKg: 68, ceap: { left: C1(), right: C1() } },
  },
  hannah: {
    firstName: 'Hannah',
    lastName: 'Lewis',
    sex: 'female',
    age: 19,
    birthdayIn: 200,
    phone: '07700 900856',
    address: '18 Cathays Terrace, Cardiff',
    postcode: 'CF24 4HX',
    registeredDaysAgo: 25,
    history: { daysAgo: 20, weightKg: 57, ceap: { right: C1() } },
  },
  margaret: {
    firstName: 'Margaret',
    lastName: 'Evans',
    sex: 'female',
    age: 75,
    birthdayIn: 5,
    phone: '01632 960118',
    address: '2 Church Lane, Ludlow',
    postcode: 'SY8 1AP',
    gpName: 'Dr Peter Hale',
    registeredDaysAgo: 500,
    history: { daysAgo: 480, weightKg: 70, weightDaysAgo: 430, ceap: { left: C1(true), right: C1() } },
  },
  ella: {
    firstName: 'Ella',
    lastName: 'Hughes',
    sex: 'female',
    age: 17,
    birthdayIn: 120,
    phone: '07700 900967',
    address: '7 Orchard Way, Reading',
    postcode: 'RG4 7DD',
    gpName: 'Dr Mina Cho',
    registeredDaysAgo: 15,
    history: { daysAgo: 10, weightKg: 52, ceap: { left: C1() } },
  },
  sarah: {
    firstName: 'Sarah',
    lastName: 'Williams',
    sex: 'female',
    age: 48,
    birthdayIn: 230,
    phone: '07700 900178',
    address: '33 Heol y Deri, Swansea',
    postcode: 'SA1 6PQ',
    registeredDaysAgo: 130,
    history: {
      daysAgo: 125,
      conditions: ['smoking'],
      acknowledgements: { smoking: '10 a day. Advised to stop; understands the clot risk.' },
      weightKg: 66,
      ceap: { left: C1(), right: C1() },
    },
  },
  rebecca: {
    firstName: 'Rebecca',
    lastName: 'Davies',
    sex: 'female',
    age: 36,
    birthdayIn: 64,
    phone: '07700 900289',
    address: '10 Mill Road, Cambridge',
    postcode: 'CB1 2AD',
    registeredDaysAgo: 45,
    history: {
      daysAgo: 40,
      conditions: ['breastfeeding'],
      acknowledgements: { breastfeeding: 'Baby 7 months, weaning. Agreed to defer treatment until stopped.' },
      weightKg: 63,
      ceap: { left: C1() },
    },
  },
  joanne: {
    firstName: 'Joanne',
    lastName: 'McAllister',
    sex: 'female',
    age: 61,
    birthdayIn: 310,
    phone: '07700 900390',
    address: '4 Bruntsfield Place, Edinburgh',
    postcode: 'EH10 4HN',
    gpName: 'Dr Alasdair Reid',
    registeredDaysAgo: 260,
    history: {
      daysAgo: 255,
      conditions: ['migraine_with_aura'],
      acknowledgements: { migraine_with_aura: 'Two a year. Liquid only, no foam; warned about visual disturbance.' },
      weightKg: 69,
      ceap: { right: C1() },
    },
  },
  agnieszka: {
    firstName: 'Agnieszka',
    lastName: 'Kowalska',
    sex: 'female',
    age: 39,
    birthdayIn: 140,
    phone: '07700 900401',
    address: '51 Green Lanes, London',
    postcode: 'N16 9BU',
    registeredDaysAgo: 85,
    history: { daysAgo: 80, weightKg: 61, ceap: { left: C1(), right: C1() } },
  },
  niamh: {
    firstName: 'Niamh',
    lastName: 'Fitzgerald',
    sex: 'female',
    age: 31,
    birthdayIn: 20,
    phone: '07700 900412',
    address: '6 Lisburn Road, Belfast',
    postcode: 'BT9 6AA',
    registeredDaysAgo: 3,
    history: null,
  },
  olivia: {
    firstName: 'Olivia',
    lastName: 'Bennett',
    sex: 'female',
    age: 44,
    birthdayIn: 90,
    phone: '07700 900523',
    address: '19 Jesmond Road, Newcastle',
    postcode: 'NE2 1NL',
    registeredDaysAgo: 170,
    history: { daysAgo: 165, weightKg: 65, ceap: { left: C1() } },
  },
  amara: {
    firstName: 'Amara',
    lastName: 'Nwosu',
    sex: 'female',
    age: 50,
    birthdayIn: 175,
    phone: '07700 900634',
    address: '8 Moseley Road, Birmingham',
    postcode: 'B12 0HJ',
    gpName: 'Dr Ruth Adebayo',
    registeredDaysAgo: 230,
    history: {
      daysAgo: 225,
      conditions: ['thrombophilia'],
      acknowledgements: { thrombophilia: 'Factor V Leiden heterozygous (haematology letter). Low-volume sessions, early walking.' },
      weightKg: 72,
      ceap: { left: C1(), right: C1() },
    },
  },
  lucy: {
    firstName: 'Lucy',
    lastName: 'Patel',
    sex: 'female',
    age: 26,
    birthdayIn: 250,
    phone: '07700 900745',
    address: '29 Hyde Park Road, Leeds',
    postcode: 'LS6 1PY',
    registeredDaysAgo: 55,
    history: {
      daysAgo: 50,
      conditions: ['hormonal_therapy'],
      acknowledgements: { hormonal_therapy: 'Progestogen-only pill: minimal clot risk.' },
      weightKg: 59,
      ceap: { right: C1() },
    },
  },
  catrin: {
    firstName: 'Catrin',
    lastName: 'Pryce',
    sex: 'female',
    age: 58,
    birthdayIn: 320,
    phone: '07700 900856',
    address: '12 Stryd Fawr, Aberystwyth',
    postcode: 'SY23 1DE',
    registeredDaysAgo: 100,
    history: {
      daysAgo: 30,
      conditions: ['recent_surgery'],
      acknowledgements: { recent_surgery: 'Knee arthroscopy 5 weeks ago, mobile. Wait until 3 months after surgery.' },
      weightKg: 70,
      ceap: { left: C1() },
    },
  },
  isabel: {
    firstName: 'Isabel',
    lastName: 'García',
    sex: 'female',
    age: 42,
    birthdayIn: 160,
    phone: '07700 900967',
    address: '70 Bold Street, Liverpool',
    postcode: 'L1 4HY',
    registeredDaysAgo: 145,
    history: { daysAgo: 140, weightKg: 62, ceap: { left: C1(), right: C1() } },
  },
  sophie: {
    firstName: 'Sophie',
    lastName: 'Turner-Blake',
    sex: 'female',
    age: 35,
    birthdayIn: 80,
    phone: '07700 900168',
    address: '3 Kings Road, Windsor',
    postcode: 'SL4 2AB',
    registeredDaysAgo: 2,
    history: null,
  },
  karen: {
    firstName: 'Karen',
    lastName: 'Mitchell',
    sex: 'female',
    age: 63,
    birthdayIn: 190,
    phone: '01632 960279',
    address: '45 High Street, Oxford',
    postcode: 'OX1 4AP',
    gpName: 'Dr Simon Gale',
    registeredDaysAgo: 330,
    history: {
      daysAgo: 320,
      conditions: ['anticoagulants'],
      acknowledgements: { anticoagulants: 'Warfarin for atrial fibrillation, INR stable. Expect bruising; do not stop.' },
      weightKg: 76,
      weightDaysAgo: 90,
      ceap: { left: C1(true), right: C1() },
    },
  },
  leah: {
    firstName: 'Leah',
    lastName: 'Goldberg',
    sex: 'female',
    age: 30,
    birthdayIn: 270,
    phone: '07700 900381',
    address: '22 Golders Green Road, London',
    postcode: 'NW11 8LL',
    registeredDaysAgo: 65,
    history: { daysAgo: 60, weightKg: 56, ceap: { left: C1() } },
  },
  bronwen: {
    firstName: 'Bronwen',
    lastName: 'Jones',
    sex: 'female',
    age: 67,
    birthdayIn: 110,
    phone: '07700 900492',
    address: '1 Y Maes, Caernarfon',
    postcode: 'LL55 2NN',
    registeredDaysAgo: 240,
    history: { daysAgo: 235, weightKg: 64, ceap: { left: C1(), right: C1() } },
  },
  deborah: {
    firstName: 'Deborah',
    lastName: 'Adeyemi',
    sex: 'female',
    age: 54,
    birthdayIn: 340,
    phone: '07700 900503',
    address: '17 Brixton Hill, London',
    postcode: 'SW2 1RW',
    gpName: 'Dr Ade Bello',
    registeredDaysAgo: 190,
    history: {
      daysAgo: 185,
      conditions: ['obesity', 'smoking'],
      acknowledgements: { obesity: 'BMI 33.', smoking: '15 a day. Two risk factors together: extra walking advice, low volumes.' },
      weightKg: 92,
      ceap: { right: C1() },
    },
  },
  mei: {
    firstName: 'Mei Lin',
    lastName: 'Chen',
    sex: 'female',
    age: 47,
    birthdayIn: 55,
    phone: '07700 900614',
    address: '9 Nicolson Street, Edinburgh',
    postcode: 'EH8 9BX',
    registeredDaysAgo: 115,
    history: { daysAgo: 110, weightKg: 53, ceap: { left: C1(), right: C1() } },
  },
  roisin: {
    firstName: 'Róisín',
    lastName: 'Kelly',
    sex: 'female',
    age: 28,
    birthdayIn: 15,
    phone: '+353 87 123 4567',
    address: '30 Ormeau Road, Belfast',
    postcode: 'BT7 1EB',
    registeredDaysAgo: 35,
    history: {
      daysAgo: 30,
      conditions: ['allergy_tendency'],
      acknowledgements: { allergy_tendency: 'Asthma and eczema. Test injection first.' },
      weightKg: 60,
      ceap: { left: C1() },
    },
  },
  helen: {
    firstName: 'Helen',
    lastName: 'Ward',
    sex: 'female',
    age: 71,
    birthdayIn: 205,
    phone: '01632 960390',
    address: '8 Cathedral Close, Exeter',
    postcode: 'EX1 1HB',
    registeredDaysAgo: 270,
    history: { daysAgo: 265, weightKg: 68, ceap: { left: C1(), right: C1() } },
  },
  natalie: {
    firstName: 'Natalie',
    lastName: 'Brooks',
    sex: 'female',
    age: 40,
    birthdayIn: 125,
    phone: '07700 900725',
    address: '14 Clifton Road, Nottingham',
    postcode: 'NG11 6AA',
    registeredDaysAgo: 1,
    history: null,
  },
  jessica: {
    firstName: 'Jessica',
    lastName: 'Foster',
    sex: 'female',
    age: 23,
    birthdayIn: 285,
    phone: '07700 900836',
    address: '55 Cowley Road, Oxford',
    postcode: 'OX4 1HP',
    registeredDaysAgo: 50,
    history: {
      daysAgo: 45,
      conditions: ['hormonal_therapy'],
      acknowledgements: { hormonal_therapy: 'Combined pill. Discussed; no other risk factors.' },
      weightKg: 58,
      ceap: { right: C1() },
    },
  },
  ayesha: {
    firstName: 'Ayesha',
    lastName: 'Khan',
    sex: 'female',
    age: 37,
    birthdayIn: 70,
    phone: '07700 900947',
    address: '101 Wilmslow Road, Manchester',
    postcode: 'M14 5AN',
    registeredDaysAgo: 160,
    history: { daysAgo: 155, weightKg: 63, ceap: { left: C1(), right: C1() } },
  },
  claire: {
    firstName: 'Claire',
    lastName: 'Robertson',
    sex: 'female',
    age: 49,
    birthdayIn: 350,
    phone: '07700 900158',
    address: '6 Byres Road, Glasgow',
    postcode: 'G12 8AT',
    registeredDaysAgo: 205,
    history: { daysAgo: 200, weightKg: 66, ceap: { left: C1() } },
  },
  james: {
    firstName: 'James',
    lastName: "O'Connor",
    sex: 'male',
    age: 46,
    birthdayIn: 230,
    phone: '07700 900269',
    address: '12 Dame Street, Chester',
    postcode: 'CH1 2HX',
    registeredDaysAgo: 90,
    history: { daysAgo: 85, weightKg: 84, ceap: { left: C1() } },
  },
  tom: {
    firstName: 'Tom',
    lastName: 'Fletcher',
    sex: 'male',
    age: 52,
    birthdayIn: 30,
    phone: '07700 900370',
    address: '3 Sheaf Street, Sheffield',
    postcode: 'S1 2BP',
    registeredDaysAgo: 140,
    history: {
      daysAgo: 135,
      conditions: ['smoking'],
      acknowledgements: { smoking: '20 a day, cutting down. Advised.' },
      weightKg: 88,
      ceap: { right: C1() },
    },
  },
  david: {
    firstName: 'David',
    lastName: 'Nowak',
    sex: 'male',
    age: 60,
    birthdayIn: 100,
    phone: '07700 900481',
    address: '77 Anlaby Road, Hull',
    postcode: 'HU3 2SD',
    registeredDaysAgo: 220,
    history: { daysAgo: 215, weightKg: 81, ceap: { left: C1(), right: C1() } },
  },
  marcus: {
    firstName: 'Marcus',
    lastName: 'Johnson',
    sex: 'male',
    age: 39,
    birthdayIn: 180,
    phone: '07700 900592',
    address: '40 St Pauls Road, Bristol',
    postcode: 'BS2 8RU',
    registeredDaysAgo: 6,
    history: null,
  },
  alex: {
    firstName: 'Alex',
    lastName: 'Morgan',
    sex: 'other',
    age: 33,
    birthdayIn: 240,
    phone: '07700 900603',
    address: '13 Lower Ormond Street, Manchester',
    postcode: 'M1 5QF',
    registeredDaysAgo: 70,
    history: { daysAgo: 65, weightKg: 70, ceap: { left: C1() } },
  },
  patricia: {
    firstName: 'Patricia',
    lastName: 'Holt',
    sex: 'female',
    age: 68,
    birthdayIn: 60,
    phone: '01632 960401',
    address: '2 Abbey Road, Bath',
    postcode: 'BA1 1LT',
    registeredDaysAgo: 700,
    archived: true,
    history: { daysAgo: 690, weightKg: 65, ceap: { left: C1() } },
  },
  edith: {
    firstName: 'Edith',
    lastName: 'Marsh',
    sex: 'female',
    age: 78,
    birthdayIn: 160,
    phone: '01632 960512',
    noEmail: true,
    address: '5 Quay Street, Truro',
    postcode: 'TR1 2HE',
    registeredDaysAgo: 3,
    history: null,
  },
  // Treated over the past year (courses.demo.ts), so the managers' charts have months of history.
  frances: {
    firstName: 'Frances',
    lastName: 'Doyle',
    sex: 'female',
    age: 59,
    birthdayIn: 44,
    phone: '07700 900714',
    address: '16 Eldon Street, Newcastle',
    postcode: 'NE1 7JG',
    registeredDaysAgo: 350,
    history: { daysAgo: 345, weightKg: 68, ceap: { left: C1(), right: C1() } },
  },
  ewa: {
    firstName: 'Ewa',
    lastName: 'Ostrowska',
    sex: 'female',
    age: 44,
    birthdayIn: 133,
    phone: '07700 900725',
    address: '8 Mill Hill Road, Derby',
    postcode: 'DE1 1JT',
    registeredDaysAgo: 352,
    history: { daysAgo: 345, weightKg: 61, ceap: { left: C1(), right: C1() } },
  },
  yasmin: {
    firstName: 'Yasmin',
    lastName: 'Haddad',
    sex: 'female',
    age: 36,
    birthdayIn: 212,
    phone: '07700 900736',
    address: '41 Kensington Road, Leicester',
    postcode: 'LE2 3HQ',
    registeredDaysAgo: 355,
    history: { daysAgo: 345, weightKg: 57, ceap: { left: C1(), right: C1() } },
  },
  gillian: {
    firstName: 'Gillian',
    lastName: 'Murray',
    sex: 'female',
    age: 62,
    birthdayIn: 301,
    phone: '07700 900747',
    address: '5 Union Street, Dundee',
    postcode: 'DD1 4BH',
    registeredDaysAgo: 351,
    history: { daysAgo: 345, weightKg: 70, ceap: { left: C1(), right: C1() } },
  },
  nkechi: {
    firstName: 'Nkechi',
    lastName: 'Eze',
    sex: 'female',
    age: 41,
    birthdayIn: 19,
    phone: '07700 900758',
    address: '27 Stockwell Road, London',
    postcode: 'SW9 9AU',
    registeredDaysAgo: 353,
    history: { daysAgo: 345, weightKg: 74, ceap: { left: C1(), right: C1() } },
  },
  harriet: {
    firstName: 'Harriet',
    lastName: 'Lowe',
    sex: 'female',
    age: 53,
    birthdayIn: 166,
    phone: '07700 900769',
    address: '2 Broad Street, Norwich',
    postcode: 'NR2 1QE',
    registeredDaysAgo: 354,
    history: { daysAgo: 345, weightKg: 66, ceap: { left: C1(), right: C1() } },
  },
  beatriz: {
    firstName: 'Beatriz',
    lastName: 'Santos',
    sex: 'female',
    age: 31,
    birthdayIn: 250,
    phone: '07700 900770',
    address: '63 London Road, Southampton',
    postcode: 'SO15 2AE',
    registeredDaysAgo: 356,
    history: { daysAgo: 345, weightKg: 55, ceap: { left: C1(), right: C1() } },
  },
} satisfies Record<string, DemoPatient>;

export type DemoPatientKey = keyof typeof PATIENTS;
/** Every demo patient's key, in a stable order. */
export const DEMO_PATIENT_KEYS = Object.keys(PATIENTS) as DemoPatientKey[];

const emailFor = (p: DemoPatient) =>
  `${p.firstName}.${p.lastName}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z.]/g, '') + '@example.org';

/**
 * Inserts the demo patients (set-based: one statement per table), their medical histories and
 * the audit events of their registration and history, dated relative to `today`.
 * Returns each patient's id by key, e.g. `ids.siobhan`, `ids.fatima` (pregnant), `ids.ella` (17).
 */
export async function seedDemoPatients(
  tx: EntityManager,
  staff: { reception: string; clinician: string },
  today: IsoDate,
): Promise<Record<DemoPatientKey, string>> {
  const rows = DEMO_PATIENT_KEYS.map((key, ord) => {
    const p: DemoPatient = PATIENTS[key];
    const dob = addDays(addMonths(today, -12 * (p.age + 1)), p.birthdayIn);
    return {
      key,
      first_name: p.firstName,
      last_name: p.lastName,
      date_of_birth: dob,
      sex: p.sex,
      phone: p.phone,
      email: p.noEmail ? null : emailFor(p),
      address: p.address,
      postcode: p.postcode,
      gp_name: p.gpName ?? null,
      archived: p.archived ?? false,
      registered_days_ago: p.registeredDaysAgo,
      ord,
    };
  });
  const inserted = await registry.insertPastRegistrations(tx, rows, staff.reception);
  const keyOf = (r: { first_name: string; last_name: string }) =>
    rows.find((x) => x.first_name === r.first_name && x.last_name === r.last_name)?.key as DemoPatientKey;
  const ids = Object.fromEntries(inserted.map((r) => [keyOf(r), r.id])) as Record<DemoPatientKey, string>;

  const recorded = DEMO_PATIENT_KEYS.flatMap((key) => {
    const h: DemoHistory | null = PATIENTS[key].history;
    if (!h) return [];
    const recordedOn = addDays(today, -h.daysAgo);
    const ceap = Object.fromEntries(Object.entries(h.ceap ?? {}).map(([leg, c]) => [leg, { ...c, assessedOn: recordedOn }]));
    return [
      {
        patient_id: ids[key],
        conditions: h.conditions ?? [],
        acknowledgements: h.acknowledgements ?? {},
        weight_kg: h.weightKg ?? null,
        weight_measured_on: h.weightKg ? addDays(today, -(h.weightDaysAgo ?? h.daysAgo)) : null,
        ceap,
        days_ago: h.daysAgo,
        updated_days_ago: Math.min(h.daysAgo, h.weightDaysAgo ?? h.daysAgo),
      },
    ];
  });
  await histories.insertPastHistories(tx, recorded, staff.clinician);

  // The trail the registrations and histories would have left, so the audit screen has history.
  await trail.insertRegistrationTrail(tx, staff.reception, staff.clinician, Object.values(ids));
  return ids;
}
