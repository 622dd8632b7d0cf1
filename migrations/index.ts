import { Foundation1764028800000 } from './1764028800000-Foundation';
import { Patients1764028900000 } from './1764028900000-Patients';

/** Every migration, oldest first. TypeORM runs the ones not yet applied at start-up. */
export const MIGRATIONS = [Foundation1764028800000, Patients1764028900000];
