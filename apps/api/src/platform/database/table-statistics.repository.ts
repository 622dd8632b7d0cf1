import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class TableStatisticsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Analyzes the tables whose planner statistics are out of date (see the EmbeddedUpkeep migration); answers their names. */
  async analyzeChanged(): Promise<string[]> {
    const [row] = await this.db.query(`SELECT analyze_changed_tables() AS tables`);
    return row.tables;
  }
}
