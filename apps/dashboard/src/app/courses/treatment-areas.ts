import { LEGS, type Leg } from '@venule/api-contract';
import type { DiagramRegion, LegView } from '../shared/leg-diagram';

interface TreatmentArea {
  /** What is written into the session's areas. */
  name: string;
  /** Other ways clinicians write the same area (matched after dropping a plural "s"). */
  aliases: readonly string[];
  view: LegView;
  u: number;
  v: number;
  short: string;
}

/** Where thread veins are treated, placed where the area is seen best (the leg diagram's frame). */
const AREAS: readonly TreatmentArea[] = [
  { name: 'anterior thigh', aliases: ['front of the thigh'], view: 'front', u: -4, v: 40, short: 'AT' },
  { name: 'medial thigh', aliases: ['inner thigh'], view: 'front', u: 6, v: 88, short: 'MT' },
  { name: 'knee', aliases: [], view: 'front', u: -2, v: 128, short: 'K' },
  { name: 'medial calf', aliases: ['inner calf'], view: 'front', u: 6, v: 180, short: 'MC' },
  { name: 'ankle and foot', aliases: ['ankle', 'foot'], view: 'front', u: 0, v: 238, short: 'AF' },
  { name: 'posterior thigh', aliases: ['back of the thigh'], view: 'back', u: 4, v: 40, short: 'PT' },
  { name: 'lateral thigh', aliases: ['outer thigh'], view: 'back', u: -12, v: 84, short: 'LT' },
  { name: 'behind the knee', aliases: ['popliteal fossa'], view: 'back', u: -2, v: 130, short: 'BK' },
  { name: 'lateral calf', aliases: ['outer calf'], view: 'back', u: -7, v: 180, short: 'LC' },
];

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/s$/, '');

/** An entry of the areas list read as a diagram area, with the leg it names if any ("left medial calf"). */
function readArea(entry: string): { leg: Leg | null; area: TreatmentArea } | null {
  const text = normalise(entry);
  const leg = LEGS.find((l) => text.startsWith(`${l} `)) ?? null;
  const rest = leg ? text.slice(leg.length + 1) : text;
  const area = AREAS.find((a) => [a.name, ...a.aliases].some((n) => normalise(n) === rest));
  return area ? { leg, area } : null;
}

const regionId = (leg: Leg, area: TreatmentArea) => `${leg}:${area.name}`;

function parseRegionId(id: string): { leg: Leg; area: TreatmentArea } | null {
  const [leg, name] = id.split(':');
  const area = AREAS.find((a) => a.name === name);
  return LEGS.includes(leg as Leg) && area ? { leg: leg as Leg, area } : null;
}

/** An entry names the area on this leg: written for this leg, or for no leg in particular. */
const names = (entry: string, leg: Leg, area: TreatmentArea) => {
  const read = readArea(entry);
  return read?.area === area && (read.leg === null || read.leg === leg);
};

/** The comma-separated areas field as a list. */
export function splitAreas(text: string): string[] {
  return text
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

/** The diagram's markers for the course's legs only. */
export function treatmentRegions(legs: readonly Leg[]): DiagramRegion[] {
  return legs.flatMap((leg) =>
    AREAS.map((area) => ({
      id: regionId(leg, area),
      leg,
      label: area.name.charAt(0).toUpperCase() + area.name.slice(1),
      view: area.view,
      u: area.u,
      v: area.v,
      short: area.short,
    })),
  );
}

/** The markers the areas list switches on, on the ticked legs. */
export function markedRegions(areas: readonly string[], ticked: readonly Leg[]): string[] {
  return ticked.flatMap((leg) => AREAS.filter((area) => areas.some((entry) => names(entry, leg, area))).map((area) => regionId(leg, area)));
}

/**
 * Selecting a marker: an unmarked one ticks its leg and adds the area, named with the leg when the
 * course has both (areas are one list for the session); a marked one removes the area from that leg.
 */
export function toggleRegion(
  id: string,
  areas: readonly string[],
  ticked: readonly Leg[],
  courseLegs: readonly Leg[],
): { areas: string[]; tick: Leg | null } {
  const region = parseRegionId(id);
  if (!region) return { areas: [...areas], tick: null };
  const { leg, area } = region;
  const listed = areas.some((entry) => names(entry, leg, area));
  if (!listed || !ticked.includes(leg)) return { areas: listed ? [...areas] : [...areas, entryFor(leg, area, courseLegs)], tick: leg };
  const kept = areas.filter((entry) => !names(entry, leg, area));
  // An entry without a leg also marked the other ticked leg: keep that one marked by naming it.
  const others = ticked.filter(
    (other) => other !== leg && !kept.some((entry) => names(entry, other, area)) && areas.some((entry) => names(entry, other, area)),
  );
  return { areas: [...kept, ...others.map((other) => entryFor(other, area, courseLegs))], tick: null };
}

/** Drops the entries written for a leg that is no longer ticked. */
export function withoutLeg(areas: readonly string[], leg: Leg): string[] {
  return areas.filter((entry) => readArea(entry)?.leg !== leg);
}

const entryFor = (leg: Leg, area: TreatmentArea, courseLegs: readonly Leg[]) => (courseLegs.length > 1 ? `${leg} ${area.name}` : area.name);
