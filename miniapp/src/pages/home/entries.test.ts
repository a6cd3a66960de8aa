import { memberMe, orgWorkerMe, secretaryMe } from '@test/fixtures';
import { homeEntries } from './entries';

const keys = (me: Parameters<typeof homeEntries>[0]) => homeEntries(me).map((e) => e.key);

describe(homeEntries.name, () => {
  it('gives a plain member only the entries every member has', () => {
    expect(keys(memberMe)).toEqual(['study', 'profile']);
  });

  it('opens the member roll of the organisation where the secretary holds the role', () => {
    const entries = homeEntries(secretaryMe);
    expect(entries.map((e) => e.key)).toEqual(['members', 'study', 'profile']);
    expect(entries[0]?.url).toBe(
      `/packages/admin/pages/members/index?orgId=${secretaryMe.roles[1]?.orgId}&orgName=${encodeURIComponent('第一党支部')}`,
    );
  });

  it('adds the organisation tree for organisation workers', () => {
    expect(keys(orgWorkerMe)).toEqual(['members', 'orgs', 'study', 'profile']);
  });
});
