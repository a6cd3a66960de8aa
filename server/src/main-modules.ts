// What the start needs past its configuration and the embedded PostgreSQL: NestJS, TypeORM and every
// feature module, the migrations and the demo data — most of a start's time (~1.4 s of a 2 s warm
// start on 2 cores). main.ts imports this on demand, so it loads while PostgreSQL starts in its own
// process (issue 12).
export { migrate } from './db/data-source.js';
export { createApp } from './bootstrap.js';
export { seedDemo } from './demo/demo-seed.js';
export { seedDemoFees } from './demo/demo-fees.js';
export { seedDemoTransfers } from './demo/demo-transfers.js';
export { seedDemoRequests } from './demo/demo-requests.js';
export { seedDemoStudy } from './demo/demo-study.js';
export { seedDemoCardPoints } from './demo/demo-card-points.js';
export { seedDemoVolunteer } from './demo/demo-volunteer.js';
