import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateUserSchema,
  GrantRoleSchema,
  ResetPasswordSchema,
  RoleAssignmentSchema,
  UserAccountSchema,
  UserPageSchema,
  UserQuerySchema,
  UuidSchema,
  type CreateUserDto,
  type GrantRoleDto,
  type Page,
  type ResetPasswordDto,
  type RoleAssignment,
  type UserAccount,
  type UserQuery,
} from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly service: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Accounts whose member or role lies in the subtree (permission role.manage)' })
  @ApiOkResponse({ standardSchema: UserPageSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: UserQuerySchema }) query: UserQuery): Promise<Page<UserAccount>> {
    return this.service.list(auth, query);
  }

  @Get(':id')
  @ApiOkResponse({ standardSchema: UserAccountSchema })
  get(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<UserAccount> {
    return this.service.get(auth, id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a password account for a worker (for a member in scope, or with a role in scope)' })
  @ApiCreatedResponse({ standardSchema: UserAccountSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateUserSchema }) dto: CreateUserDto): Promise<UserAccount> {
    return this.service.create(auth, dto);
  }

  @Post(':id/password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Reset the password; the account is unlocked and all its sessions end' })
  @ApiNoContentResponse()
  resetPassword(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: ResetPasswordSchema }) dto: ResetPasswordDto,
  ): Promise<void> {
    return this.service.resetPassword(auth, id, dto);
  }

  @Post(':id/roles')
  @ApiOperation({ summary: 'Grant org_worker (on a committee) or platform_admin (by a platform admin)' })
  @ApiCreatedResponse({ standardSchema: RoleAssignmentSchema })
  grantRole(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: GrantRoleSchema }) dto: GrantRoleDto,
  ): Promise<RoleAssignment> {
    return this.service.grantRole(auth, id, dto);
  }

  @Delete(':id/roles/:assignmentId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  revokeRole(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('assignmentId', { schema: UuidSchema }) assignmentId: string,
  ): Promise<void> {
    return this.service.revokeRole(auth, id, assignmentId);
  }

  @Post(':id/disable')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Disable the account; its sessions end at once' })
  @ApiOkResponse({ standardSchema: UserAccountSchema })
  disable(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<UserAccount> {
    return this.service.setDisabled(auth, id, true);
  }

  @Post(':id/enable')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: UserAccountSchema })
  enable(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<UserAccount> {
    return this.service.setDisabled(auth, id, false);
  }
}
