import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateEnterpriseSchema,
  EnterpriseDetailSchema,
  EnterprisePageSchema,
  EnterpriseQuerySchema,
  EnterpriseSchema,
  UpdateEnterpriseSchema,
  UuidSchema,
  type CreateEnterpriseDto,
  type Enterprise,
  type EnterpriseDetail,
  type EnterpriseQuery,
  type Page,
  type UpdateEnterpriseDto,
} from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { EnterprisesService } from './enterprises.service.js';

@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('enterprises')
export class EnterprisesController {
  constructor(private readonly service: EnterprisesService) {}

  /** Search by name or 统一社会信用代码. */
  @Get()
  @ApiOkResponse({ standardSchema: EnterprisePageSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: EnterpriseQuerySchema }) query: EnterpriseQuery): Promise<Page<Enterprise>> {
    return this.service.list(auth, query);
  }

  @Post()
  @ApiCreatedResponse({ standardSchema: EnterpriseSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateEnterpriseSchema }) dto: CreateEnterpriseDto): Promise<Enterprise> {
    return this.service.create(auth, dto);
  }

  @Get(':id')
  @ApiOkResponse({ standardSchema: EnterpriseDetailSchema })
  get(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<EnterpriseDetail> {
    return this.service.get(auth, id);
  }

  @Patch(':id')
  @ApiOkResponse({ standardSchema: EnterpriseSchema })
  update(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: UpdateEnterpriseSchema }) dto: UpdateEnterpriseDto,
  ): Promise<Enterprise> {
    return this.service.update(auth, id, dto);
  }
}
