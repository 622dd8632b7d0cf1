import { Foundation1764028800000 } from './1764028800000-Foundation';

/** Every migration, oldest first. TypeORM runs the ones not yet applied at start-up. */
export const MIGRATIONS = [Foundation1764028800000];
