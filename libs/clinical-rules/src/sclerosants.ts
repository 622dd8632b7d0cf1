/** Sclerosing agents and forms the clinic uses (SPEC §1.6); the vocabulary is the contract's. */
import { AGENTS, FORMS, type SclerosantAgent, type SclerosantForm } from '@venule/api-contract';

export const AGENT_LABELS: Record<SclerosantAgent, string> = {
  polidocanol: 'polidocanol',
  sodium_tetradecyl_sulfate: 'sodium tetradecyl sulfate',
};

export function isAgent(value: unknown): value is SclerosantAgent {
  return typeof value === 'string' && (AGENTS as readonly string[]).includes(value);
}

export function isForm(value: unknown): value is SclerosantForm {
  return typeof value === 'string' && (FORMS as readonly string[]).includes(value);
}
