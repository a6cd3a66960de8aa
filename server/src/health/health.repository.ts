import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The readiness check's one statement. */
@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Answers when the database does; throws (the driver's error) when it does not. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}
