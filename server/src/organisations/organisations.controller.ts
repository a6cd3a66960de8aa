import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ChildCountSchema,
  CreateOrganisationSchema,
  MoveOrganisationSchema,
  OrganisationDetailSchema,
  OrganisationPageSchema,
  OrganisationSchema,
  SubtreeSearchQuerySchema,
  UpdateOrganisationSchema,
  UuidSchema,
  type ChildCount,
  type CreateOrganisationDto,
  type MoveOrganisationDto,
  type Organisation,
  type OrganisationDetail,
  type Page,
  type SubtreeSearchQuery,
  type UpdateOrganisationDto,
} from '@dangjian/shared';
import { z } from 'zod';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { OrganisationsService } from './organisations.service.js';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly service: OrganisationsService) {}

  /** The caller's scope roots (and their own organisation). */
  @Get()
  @ApiOkResponse({ standardSchema: z.array(OrganisationSchema) })
  roots(@Auth() auth: AuthContext): Promise<Organisation[]> {
    return this.service.roots(auth);
  }

  @Post()
  @ApiCreatedResponse({ standardSchema: OrganisationDetailSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateOrganisationSchema }) dto: CreateOrganisationDto): Promise<OrganisationDetail> {
    return this.service.create(auth, dto);
  }

  @Get(':id')
  @ApiOkResponse({ standardSchema: OrganisationDetailSchema })
  detail(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<OrganisationDetail> {
    return this.service.detail(auth, id);
  }

  @Patch(':id')
  @ApiOkResponse({ standardSchema: OrganisationDetailSchema })
  update(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: UpdateOrganisationSchema }) dto: UpdateOrganisationDto,
  ): Promise<OrganisationDetail> {
    return this.service.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  remove(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<void> {
    return this.service.remove(auth, id);
  }

  @Post(':id/move')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: OrganisationDetailSchema })
  move(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: MoveOrganisationSchema }) dto: MoveOrganisationDto,
  ): Promise<OrganisationDetail> {
    return this.service.move(auth, id, dto);
  }

  @Get(':id/children')
  @ApiOkResponse({ standardSchema: z.array(OrganisationSchema) })
  children(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<Organisation[]> {
    return this.service.children(auth, id);
  }

  /** Per direct child, members in that child's whole subtree (full, probationary, total). */
  @Get(':id/child-counts')
  @ApiOkResponse({ standardSchema: z.array(ChildCountSchema) })
  childCounts(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<ChildCount[]> {
    return this.service.childCounts(auth, id);
  }

  /** Organisations of the subtree by name, paged. */
  @Get(':id/subtree')
  @ApiOkResponse({ standardSchema: OrganisationPageSchema })
  subtree(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Query({ schema: SubtreeSearchQuerySchema }) query: SubtreeSearchQuery,
  ): Promise<Page<Organisation>> {
    return this.service.subtree(auth, id, query);
  }
}
