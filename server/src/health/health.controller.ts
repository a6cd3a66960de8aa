import { Controller, Get, HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { DB_RETRY_AFTER_S } from '../common/hardening.js';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../access/auth.decorators.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
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
      return await this.health.check([() => this.db.pingCheck('database', { timeout: 3000 })]);
    } catch {
      throw new DomainError('DATABASE_UNAVAILABLE', HttpStatus.SERVICE_UNAVAILABLE, `数据库暂时无法连接，请 ${DB_RETRY_AFTER_S} 秒后重试`, {
        database: 'down',
      });
    }
  }
}
