import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuthController } from './auth.controller.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService } from './auth.service.js';
import { BindingCodeController } from './binding-code.controller.js';
import { BindingCodeService } from './binding-code.service.js';
import { PasswordHasher } from './password.js';
import { RateLimitSweepJob, setSignInRateLimit } from './rate-limit.js';
import { RateLimitRepository } from './rate-limit.repository.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';
import { WechatClient } from './wechat.client.js';

/**
 * Identity and access: sign-in (password, WeChat with binding, demo), sessions, binding codes, and
 * user and role administration. SessionService and the guard live in CoreModule (every module needs them).
 */
@Module({
  controllers: [AuthController, BindingCodeController, UsersController],
  providers: [
    AuthService,
    AuthRepository,
    BindingCodeService,
    UsersService,
    UsersRepository,
    WechatClient,
    RateLimitRepository,
    RateLimitSweepJob,
    { provide: PasswordHasher, useFactory: () => new PasswordHasher() },
  ],
  exports: [PasswordHasher],
})
export class AuthModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    setSignInRateLimit(this.adapterHost.httpAdapter.getInstance(), this.config.AUTH_RATE_LIMIT_PER_MIN);
  }
}
