import { z } from 'zod';

/** A yes/no setting: `true`/`1` or `false`/`0`, nothing else (a typo must not read as "off"). */
export const envBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
