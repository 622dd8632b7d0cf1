/** Sclerosing agents and forms the clinic uses (SPEC §1.6). */
export const AGENTS = ['polidocanol', 'sodium_tetradecyl_sulfate'] as const;
export type Agent = (typeof AGENTS)[number];

export const FORMS = ['liquid', 'foam'] as const;
export type Form = (typeof FORMS)[number];

export const AGENT_LABELS: Record<Agent, string> = {
  polidocanol: 'polidocanol',
  sodium_tetradecyl_sulfate: 'sodium tetradecyl sulfate',
};

export function isAgent(value: unknown): value is Agent {
  return typeof value === 'string' && (AGENTS as readonly string[]).includes(value);
}

export function isForm(value: unknown): value is Form {
  return typeof value === 'string' && (FORMS as readonly string[]).includes(value);
}
