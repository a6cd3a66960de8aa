import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateTemporaryBranchSchema,
  SecondMembersSchema,
  TemporaryBranchListQuerySchema,
  TemporaryBranchListSchema,
  TemporaryBranchSchema,
  UuidSchema,
  type CreateTemporaryBranchDto,
  type SecondMembersDto,
  type TemporaryBranch,
  type TemporaryBranchList,
  type TemporaryBranchListQuery,
} from '@dangjian/shared';
import { Auth } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { TemporaryBranchesService } from './temporary-branches.service.js';

/** 临时党支部 / 战时党支部 (S4): set up, second members (M2), dissolved at the end date. */
@ApiTags('temporary-branches')
@ApiBearerAuth()
@Controller('temporary-branches')
export class TemporaryBranchesController {
  constructor(private readonly service: TemporaryBranchesService) {}

  @Get()
  @ApiOkResponse({ standardSchema: TemporaryBranchListSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: TemporaryBranchListQuerySchema }) q: TemporaryBranchListQuery): Promise<TemporaryBranchList> {
    return this.service.list(auth, q.orgId);
  }

  @Post()
  @ApiCreatedResponse({ standardSchema: TemporaryBranchSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateTemporaryBranchSchema }) dto: CreateTemporaryBranchDto): Promise<TemporaryBranch> {
    return this.service.create(auth, dto);
  }

  @Get(':orgId')
  @ApiOkResponse({ standardSchema: TemporaryBranchSchema })
  get(@Auth() auth: AuthContext, @Param('orgId', { schema: UuidSchema }) orgId: string): Promise<TemporaryBranch> {
    return this.service.get(auth, orgId);
  }

  @Post(':orgId/secondments')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: TemporaryBranchSchema })
  second(
    @Auth() auth: AuthContext,
    @Param('orgId', { schema: UuidSchema }) orgId: string,
    @Body({ schema: SecondMembersSchema }) dto: SecondMembersDto,
  ): Promise<TemporaryBranch> {
    return this.service.second(auth, orgId, dto);
  }

  @Post('secondments/:id/end')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: TemporaryBranchSchema })
  end(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<TemporaryBranch> {
    return this.service.endSecondment(auth, id);
  }
}
