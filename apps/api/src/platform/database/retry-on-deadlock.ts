/** PostgreSQL's deadlock_detected. */
export const DEADLOCK_DETECTED = '40P01';

/**
 * Runs a transaction again when PostgreSQL aborted it to break a deadlock. Two bookings of one
 * clinician's time inserted at the same moment can each find the other's uncommitted row while
 * checking the diary's exclusion constraint and wait on each other; PostgreSQL aborts one. Run
 * again, it meets the other's committed row and is refused as a double booking (or books, if the
 * other rolled back). `work` must be the whole transaction: nothing of the aborted run was kept.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if ((e as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= attempts) throw e;
    }
  }
}
