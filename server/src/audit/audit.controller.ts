import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditPageSchema, AuditQuerySchema, type AuditPage, type AuditQuery } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { AuditReadService } from './audit-read.service.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly service: AuditReadService) {}

  /** Audit entries in the caller's subtree (audit.read), newest first. */
  @Get()
  @ApiOkResponse({ standardSchema: AuditPageSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: AuditQuerySchema }) q: AuditQuery): Promise<AuditPage> {
    return this.service.list(auth, q);
  }
}
