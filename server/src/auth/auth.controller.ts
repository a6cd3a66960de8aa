import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ChangePasswordSchema,
  DemoSignInSchema,
  DemoUserSchema,
  MeSchema,
  PasswordSignInSchema,
  RefreshSchema,
  SignInResultSchema,
  SignOutSchema,
  TokenPairSchema,
  WechatBindSchema,
  WechatSignInResultSchema,
  WechatSignInSchema,
  type ChangePasswordDto,
  type DemoSignInDto,
  type DemoUser,
  type Me,
  type PasswordSignInDto,
  type RefreshDto,
  type SignInResult,
  type SignOutDto,
  type TokenPair,
  type WechatBindDto,
  type WechatSignInDto,
  type WechatSignInResult,
} from '@dangjian/shared';
import { z } from 'zod';
import type { AuthContext } from '../common/auth-context.js';
import { Auth, OptionalAuth, Public } from '../access/auth.decorators.js';
import { AuthService } from './auth.service.js';
import { SIGN_IN_RATE_LIMIT } from './rate-limit.js';
import { ReqMeta, type RequestMeta } from './request-meta.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly service: AuthService) {}

  @Public()
  @Get('demo-users')
  @ApiOperation({ summary: 'Demo accounts to pick from (demo mode only; 404 otherwise)' })
  @ApiOkResponse({ standardSchema: z.array(DemoUserSchema) })
  demoUsers(): Promise<DemoUser[]> {
    return this.service.demoUsers();
  }

  @Public()
  @Post('demo')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in as a demo account (demo mode only; 404 otherwise)' })
  @ApiOkResponse({ standardSchema: SignInResultSchema })
  demo(@Body({ schema: DemoSignInSchema }) dto: DemoSignInDto): Promise<SignInResult> {
    return this.service.signInAsDemo(dto.key);
  }

  @Public()
  @Post('password')
  @HttpCode(HttpStatus.OK)
  @RouteConfig(SIGN_IN_RATE_LIMIT)
  @ApiOperation({ summary: 'Sign in with username and password (5 wrong in a row lock the account for 15 minutes)' })
  @ApiOkResponse({ standardSchema: SignInResultSchema })
  password(@Body({ schema: PasswordSignInSchema }) dto: PasswordSignInDto): Promise<SignInResult> {
    return this.service.signInWithPassword(dto);
  }

  @Post('password/change')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RouteConfig(SIGN_IN_RATE_LIMIT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change the own password; other sessions end' })
  @ApiNoContentResponse()
  changePassword(@Auth() auth: AuthContext, @Body({ schema: ChangePasswordSchema }) dto: ChangePasswordDto): Promise<void> {
    return this.service.changePassword(auth, dto);
  }

  @Public()
  @Post('wechat')
  @HttpCode(HttpStatus.OK)
  @RouteConfig(SIGN_IN_RATE_LIMIT)
  @ApiOperation({ summary: 'Sign in with a wx.login code: a session, or a ticket to bind the WeChat identity to a member' })
  @ApiOkResponse({ standardSchema: WechatSignInResultSchema })
  wechat(@Body({ schema: WechatSignInSchema }) dto: WechatSignInDto): Promise<WechatSignInResult> {
    return this.service.signInWithWechat(dto.code);
  }

  @Public()
  @Post('wechat/bind')
  @HttpCode(HttpStatus.OK)
  @RouteConfig(SIGN_IN_RATE_LIMIT)
  @ApiOperation({ summary: 'Bind the WeChat identity of a ticket to the member with this phone and binding code' })
  @ApiOkResponse({ standardSchema: SignInResultSchema })
  bind(@Body({ schema: WechatBindSchema }) dto: WechatBindDto, @ReqMeta() meta: RequestMeta): Promise<SignInResult> {
    return this.service.bindWechat(dto, meta);
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'New token pair; the refresh token works once' })
  @ApiOkResponse({ standardSchema: TokenPairSchema })
  refresh(@Body({ schema: RefreshSchema }) dto: RefreshDto): Promise<TokenPair> {
    return this.service.refresh(dto.refreshToken);
  }

  @Public()
  @Post('sign-out')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the session of the access token (or, when that has expired, of the refresh token in the body)' })
  @ApiNoContentResponse()
  signOut(@OptionalAuth() auth: AuthContext | null, @Body({ schema: SignOutSchema }) dto: SignOutDto): Promise<void> {
    return this.service.signOut(auth, dto ?? {});
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ standardSchema: MeSchema })
  me(@Auth() auth: AuthContext): Me {
    return this.service.me(auth);
  }
}
