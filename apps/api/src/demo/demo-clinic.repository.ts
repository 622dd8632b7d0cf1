import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The one question the demo asks before loading: is this clinic new? (The records go through the features' repositories.) */
@Injectable()
export class DemoClinicRepository {
  /** True when nobody has an account yet; the lock makes two instances starting together seed once. */
  async claimEmptyClinic(m: EntityManager): Promise<boolean> {
    await m.query(`LOCK TABLE users IN EXCLUSIVE MODE`);
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM users`);
    return n === 0;
  }
}
