import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { TableStatisticsRepository } from './table-statistics.repository';

/** As often as autovacuum looks (its `autovacuum_naptime`). */
const EVERY_MS = 60_000;

/**
 * Keeps the embedded database's planner statistics current, as autovacuum does on a server
 * (PGlite runs none): every minute it analyzes the tables that changed enough since their last
 * analysis (start-up vacuums and analyzes them all, see `migrate`). Without it a clinic's tables
 * keep the statistics of the day they were created, empty, and plans go wrong as they grow.
 * Provided only on the embedded database; stops in `onModuleDestroy`, before the pool closes,
 * letting a running round finish.
 */
@Injectable()
export class TableStatistics implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('TableStatistics');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(private readonly tables: TableStatisticsRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round; a round still running when the next is due is not doubled. */
  tick(): Promise<void> {
    this.running ??= this.tables
      .analyzeChanged()
      .then(
        (analyzed) => {
          if (analyzed.length) this.log.debug(`analyzed ${analyzed.join(', ')}`);
        },
        (e: Error) => this.log.warn(`analyzing changed tables failed: ${e.message}`),
      )
      .finally(() => (this.running = null));
    return this.running;
  }
}
