import { seedDemo } from '../src/demo/demo-seed.js';
import { seedDemoRequests } from '../src/demo/demo-requests.js';
import { createTestApp, type TestApp } from './utils/app.js';

/** The demo park's issue-18 data loads through the module services, once. */
describe('demo: services to enterprises', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DEMO_MODE: 'true', REQUEST_SCAN_INTERVAL_S: '0', TEMPORARY_BRANCH_SCAN_INTERVAL_S: '0' });
    await seedDemo(t.url, t.config);
    await seedDemoRequests(t.app);
    await seedDemoRequests(t.app); // runs once
  }, 180_000);
  afterAll(() => t.close());

  it('has departments, a contact, requests in several states, the catalogue, rooms and a temporary branch with seconded members', async () => {
    const [row] = await t.ds.query(
      `SELECT (SELECT count(*)::int FROM service_department) AS deps, (SELECT count(*)::int FROM enterprise_contact) AS contacts,
              (SELECT array_agg(state ORDER BY state) FROM enterprise_request) AS states, (SELECT count(*)::int FROM service_catalogue_item) AS items,
              (SELECT count(*)::int FROM service_room) AS rooms, (SELECT count(*)::int FROM secondment WHERE ended_on IS NULL) AS seconded`,
    );
    expect(row).toEqual({ deps: 6, contacts: 1, states: ['awaiting_info', 'closed', 'submitted'], items: 2, rooms: 2, seconded: 2 });
  });
});
