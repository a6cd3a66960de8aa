import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { derive, equal, mac } from '../common/hmac.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

const URL_TTL_S = 3600;

/**
 * Short-lived signed links to evidence files: the mini-program shows photos in <image> and opens files
 * by URL, neither of which can send the Authorization header. The link is handed out only to whoever
 * may read the task (PdcaTasksService.get), and expires within the hour.
 */
@Injectable()
export class PdcaFileLinks {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = derive(Buffer.from(config.dataKey), 'pdca', 'dangjian pdca-files v1', 32);
  }

  url(fileId: string): string {
    // Rounded to the minute so a page's repeated reads give the same URL (the image cache holds).
    const exp = Math.ceil((this.clock.nowMs() / 1000 + URL_TTL_S) / 60) * 60;
    return `/api/v1/pdca/files/${fileId}?exp=${exp}&sig=${mac(this.key, `${fileId}.${exp}`)}`;
  }

  verify(fileId: string, exp: number, sig: string): boolean {
    return Number.isSafeInteger(exp) && exp * 1000 >= this.clock.nowMs() && equal(sig, mac(this.key, `${fileId}.${exp}`));
  }
}
