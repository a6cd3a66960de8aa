import { Injectable } from '@nestjs/common';

/**
 * The card's volunteer hours (P4) come from the volunteering module. Until it lands this reads 0;
 * the volunteering module provides its own implementation under this token (CardModule's providers:
 * `{ provide: VolunteerHours, useExisting: VolunteerHoursService }`) and the card shows real hours.
 */
@Injectable()
export class VolunteerHours {
  /** Service hours credited to a member in a calendar year (China time). */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the seam's signature; the real source reads them
  async ofYear(memberId: string, year: number): Promise<number> {
    return 0;
  }
}
