import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { ClinicClock } from '../platform/config/clinic-clock';
import { Couriers, DeliveryFailure, EmailSender } from './delivery';
import { MessagesRepository } from './messages.repository';
import { STALE_REASONS } from './outbox.service';

/** How long a claimed message is held by its sender before another may take it (a sender that died mid-send). */
const LEASE_MS = 5 * 60_000;
/** Attempts before a message that keeps failing is left failed for reception to resend. */
export const MAX_ATTEMPTS = 5;
/** Wait before attempt n + 1: 1, 2, 4, 8 minutes. */
export const retryDelayMs = (attempts: number) => 60_000 * 2 ** (attempts - 1);

/**
 * Sends the outbox's due messages. The state lives in the `messages` table, not in this process:
 * each message is claimed with a lease in its own short transaction (`SKIP LOCKED`), sent outside
 * any transaction, and then marked sent or failed, so several senders (API instances) never send
 * one message twice and a restart forgets nothing.
 */
@Injectable()
export class MessageSender {
  private readonly log = new Logger('MessageSender');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly messages: MessagesRepository,
    private readonly couriers: Couriers,
  ) {}

  /** Sends every message due at `now`; answers how many were sent. */
  async deliverDue(now: Date): Promise<number> {
    await this.db.transaction((tx) => this.messages.cancelStale(tx, now, STALE_REASONS));
    let sent = 0;
    for (;;) {
      const message = await this.db.transaction((tx) => this.messages.claimDue(tx, now, LEASE_MS));
      if (!message) return sent;
      try {
        await this.couriers.deliver(message);
        await this.db.transaction((tx) => this.messages.markSent(tx, message.id, new Date()));
        sent++;
      } catch (e) {
        const failure = e instanceof DeliveryFailure ? e : new DeliveryFailure(String((e as Error).message ?? e), true);
        const attempts = message.attempts + 1;
        const retryAt = failure.retry && attempts < MAX_ATTEMPTS ? new Date(now.getTime() + retryDelayMs(attempts)) : null;
        await this.db.transaction((tx) => this.messages.markFailed(tx, message.id, failure.message, retryAt));
        this.log.warn(`message ${message.id} attempt ${attempts} failed${retryAt ? `, retrying at ${retryAt.toISOString()}` : ''}`);
      }
    }
  }
}

/**
 * Runs the sender in this process every minute (`SEND_MESSAGES`, default on;
 * `SEND_MESSAGES_EVERY_SECONDS`); a round still running when the next one is due is not doubled. It stops in `onModuleDestroy`, before TypeORM closes
 * the pool in its `onApplicationShutdown`, and lets a running round finish.
 */
@Injectable()
export class DeliverySchedule implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('DeliverySchedule');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: ClinicClock,
    private readonly sender: MessageSender,
    private readonly email: EmailSender,
  ) {}

  onModuleInit(): void {
    if (!this.config.sendMessages) return;
    this.timer = setInterval(() => this.tick(), this.config.sendMessagesEveryMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    this.email.close();
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sender
      .deliverDue(this.clock.now())
      .then(
        () => undefined,
        (e: Error) => this.log.error(`sending messages failed: ${e.message}`),
      )
      .finally(() => (this.running = null));
  }
}
