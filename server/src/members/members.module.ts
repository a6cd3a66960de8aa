import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MemberSheetService } from './member-sheet.service.js';
import { MembersController } from './members.controller.js';
import { MembersRepository } from './members.repository.js';
import { MembersService } from './members.service.js';
import { PhoneCipher, SensitiveCipher } from '../common/sensitive-cipher.js';

@Module({
  controllers: [MembersController],
  providers: [
    MembersRepository,
    MembersService,
    MemberSheetService,
    // M4: keys derived from DATA_KEY once; other modules (transfer letters, T4) decrypt through it.
    { provide: SensitiveCipher, useFactory: (config: AppConfig) => new SensitiveCipher(config.dataKey), inject: [APP_CONFIG] },
    { provide: PhoneCipher, useFactory: (config: AppConfig) => new PhoneCipher(config.dataKey), inject: [APP_CONFIG] },
  ],
  exports: [MembersService, SensitiveCipher, PhoneCipher],
})
export class MembersModule {}
