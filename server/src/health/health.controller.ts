import { Controller, Get, HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { DB_RETRY_AFTER_S } from '../common/hardening.js';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../access/auth.decorators.js';
import { HealthRepository } from './health.repository.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    // The application's own data source, not terminus's TypeOrmHealthIndicator: that one finds it
    // through a run-time import('@nestjs/typeorm'), which in the bundled server (scripts/bundle.mjs)
    // would load a second @nestjs/typeorm whose token finds nothing.
    private readonly db: HealthRepository,
  ) {}

  /** The process is up and answering. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Ready for traffic: the database answers; else 503 DATABASE_UNAVAILABLE with Retry-After, like every route. */
  @Get('ready')
  @HealthCheck()
  async ready() {
    try {
      return await this.health.check([
        () =>
          this.indicator
            .check('database')
            .attempt(() => this.db.ping())
            .withTimeout(3000),
      ]);
    } catch {
      throw new DomainError('DATABASE_UNAVAILABLE', HttpStatus.SERVICE_UNAVAILABLE, `数据库暂时无法连接，请 ${DB_RETRY_AFTER_S} 秒后重试`, {
        database: 'down',
      });
    }
  }
}
