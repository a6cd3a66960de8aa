import { Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BindingCodeSchema, UuidSchema, type BindingCode } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { BindingCodeService } from './binding-code.service.js';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class BindingCodeController {
  constructor(private readonly service: BindingCodeService) {}

  @Post(':id/binding-code')
  @ApiOperation({ summary: 'Issue a one-time WeChat binding code for a member (shown once, valid 7 days)' })
  @ApiCreatedResponse({ standardSchema: BindingCodeSchema })
  issue(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<BindingCode> {
    return this.service.issue(auth, id);
  }
}
