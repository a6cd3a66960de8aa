import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TestClockSchema } from '@dangjian/shared';
import { Clock } from '../common/clock.js';
import type { AppConfig } from '../config/config.js';

/**
 * End-to-end tests only: with DANGJIAN_TEST_CLOCK=1 (refused in production by the config check),
 * POST /api/v1/test/clock {advanceMs?, set?, reset?} drives the server's one Clock, so a browser
 * test can "study" ten minutes in a second. Without the flag the route does not exist (404).
 */
export function registerTestClock(app: NestFastifyApplication, config: AppConfig): void {
  if (!config.DANGJIAN_TEST_CLOCK) return;
  const clock = app.get(Clock);
  app
    .getHttpAdapter()
    .getInstance()
    .post('/api/v1/test/clock', async (req, reply) => {
      const parsed = TestClockSchema.safeParse(req.body ?? {});
      if (!parsed.success) return reply.code(400).send({ code: 'VALIDATION_FAILED', message: '参数无效', details: parsed.error.issues });
      const { reset, set, advanceMs } = parsed.data;
      if (reset) clock.reset();
      if (set) clock.set(set);
      if (advanceMs) clock.advance(advanceMs);
      return { now: clock.now().toISOString() };
    });
}
