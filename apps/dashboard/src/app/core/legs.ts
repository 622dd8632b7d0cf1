import type { Leg } from '@venule/api-contract';

export const LEG_LABELS: Record<Leg, string> = { left: 'Left leg', right: 'Right leg' };
