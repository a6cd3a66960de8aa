import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_FEE_POLICY, type FeePolicy } from '@dangjian/shared';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/** The fee rule set in force: the regulation's defaults with the two F4 choices from the settings. */
@Injectable()
export class FeePolicyProvider {
  readonly policy: FeePolicy;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.policy = { ...DEFAULT_FEE_POLICY, baseRule: config.FEE_BASE_RULE, probationaryFrom: config.FEE_PROBATIONARY_FROM };
  }
}
