import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Runs inside the transaction that changed how a patient is reached (contact preference, email or phone). */
export type ContactChanged = (tx: EntityManager, patientId: string) => Promise<void>;

/**
 * Lets a feature above patients (the outbox re-addressing queued messages) follow a change of a
 * patient's contact details in the same transaction, without patients depending on it.
 */
@Injectable()
export class PatientContactHooks {
  private readonly hooks: ContactChanged[] = [];

  onChange(hook: ContactChanged): void {
    this.hooks.push(hook);
  }

  async changed(tx: EntityManager, patientId: string): Promise<void> {
    for (const hook of this.hooks) await hook(tx, patientId);
  }
}
