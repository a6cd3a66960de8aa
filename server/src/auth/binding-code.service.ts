import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BindingCode } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { notFound } from '../common/domain-error.js';
import { AuthErrors } from './auth.errors.js';
import { AuthRepository } from './auth.repository.js';
import { BINDING_CODE_TTL_DAYS, BindingCodeHasher, newBindingCode } from './binding-code.js';

/** Branch officers issue the one-time code a member types, with their phone, to bind WeChat. */
@Injectable()
export class BindingCodeService {
  private readonly codes: BindingCodeHasher;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly repo: AuthRepository,
  ) {
    this.codes = new BindingCodeHasher(config.dataKey);
  }

  /** A fresh code, valid 7 days; earlier unused codes of the member become void. The plain code is returned this once only. */
  async issue(auth: AuthContext, memberId: string): Promise<BindingCode> {
    const orgPath = await this.access.requireMember(auth, 'member.issueBindingCode', memberId);
    return this.db.transaction(async (em) => {
      const member = await this.repo.lockMemberForCode(memberId, em);
      if (!member) throw notFound('党员');
      if (!member.hasPhone) throw AuthErrors.memberPhoneMissing();
      const voided = await this.repo.voidLiveCodes(memberId, em);
      const code = newBindingCode();
      const expiresAt = new Date(Date.now() + BINDING_CODE_TTL_DAYS * 86_400_000);
      await this.repo.insertCode({ memberId, codeHash: this.codes.hash(memberId, code), expiresAt, issuedBy: auth.userId }, em);
      // Never the code itself in the log.
      await this.audit.record(
        auth,
        {
          action: 'member.issueBindingCode',
          objectType: 'member',
          objectId: memberId,
          orgPath,
          details: { expiresAt: expiresAt.toISOString(), voidedEarlier: voided },
        },
        em,
      );
      return { memberId, code, expiresAt: expiresAt.toISOString() };
    });
  }
}
