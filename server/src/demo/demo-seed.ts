import { seedDemoLedger } from './demo-ledger.js';
import { chinaDate, maskNationalId, type CommitteePosition } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { dataSourceOptions } from '../db/data-source.js';
import { RoleAssignmentEntity, UserAccountEntity } from '../auth/auth.entities.js';
import { MemberEntity } from '../members/member.entity.js';
import { CommitteePositionEntity } from '../organisations/committee-position.entity.js';
import { CommitteeTermEntity, EnterpriseEntity, OrganisationEntity } from '../organisations/organisation.entity.js';
import { PasswordHasher } from '../auth/password.js';
import { seedDemoMeetings } from './demo-meetings.js';
import { seedDemoIndexes } from './demo-indexes.js';
import { seedDemoPdca } from './demo-pdca.js';
import { PhoneCipher, SensitiveCipher } from '../common/sensitive-cipher.js';
import { importKnowledge } from '../knowledge/knowledge-import.repository.js';
import { STARTER_QA } from '../knowledge/starter-qa.js';
import {
  EDUCATIONS,
  ENTERPRISE_BRANCHES,
  ENTERPRISES,
  ETHNICITIES,
  GENERAL_BRANCH,
  GIVEN,
  JOINT_BRANCH,
  PARK_COMMITTEE,
  POSTS,
  SURNAMES,
  type BranchSpec,
  type EnterpriseKey,
} from './demo-data.js';

export type DemoAccount = { key: string; username: string; password: string; description: string };

/** The one password of every demo account; demo mode is for trying the product, never for real data. */
export const DEMO_PASSWORD = 'dangjian2026';
const MARKER_USERNAME = 'demo-worker';

/** Deterministic, so every fresh demo shows the same park. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addYears = (date: string, years: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return iso(d);
};

/** GB 11643: 6-digit region, birth date, 3-digit sequence (odd = male), ISO 7064 check character. */
function nationalId(region: string, birth: string, seq: number, gender: 'male' | 'female') {
  const order = seq * 2 + (gender === 'male' ? 1 : 0);
  const body = `${region}${birth.replaceAll('-', '')}${String(order % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

type Built = { byKey: Map<string, OrganisationEntity>; firstMembers: Map<string, MemberEntity[]>; seatHolders: Set<string> };

/**
 * Loads the demo park once: if the demo accounts exist, it changes nothing. Everything goes in one
 * transaction, so an interrupted first start leaves no half park behind.
 */
export async function seedDemo(url: string, config: AppConfig): Promise<DemoAccount[]> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    const present = await ds.getRepository(UserAccountEntity).existsBy({ username: MARKER_USERNAME });
    if (!present) await ds.transaction((m) => load(m, new SensitiveCipher(config.dataKey), new PhoneCipher(config.dataKey)));
    // `return await`: the finally below must not close the pool while this query runs.
    return await accounts(ds);
  } finally {
    await ds.destroy();
  }
}

async function load(m: EntityManager, cipher: SensitiveCipher, phones: PhoneCipher) {
  const rand = prng(20261122);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const today = chinaDate(new Date());
  const usedNames = new Set<string>();
  let seq = 0;

  const enterprises = new Map<EnterpriseKey, EnterpriseEntity>();
  for (const e of ENTERPRISES) {
    enterprises.set(e.key, await m.save(m.create(EnterpriseEntity, { name: e.name, industry: e.industry, creditCode: e.creditCode })));
  }
  const org = async (p: Partial<OrganisationEntity> & { enterpriseKeys?: EnterpriseKey[] }) => {
    const saved = await m.save(m.create(OrganisationEntity, { ...p, enterprises: (p.enterpriseKeys ?? []).map((k) => enterprises.get(k)!) }));
    return m.findOneByOrFail(OrganisationEntity, { id: saved.id });
  };
  const term = (organisationId: string, startsOn: string, years: number) =>
    m.insert(CommitteeTermEntity, { organisationId, startsOn, endsOn: addYears(startsOn, years) });

  const park = await org({
    name: PARK_COMMITTEE,
    kind: 'committee',
    isJoint: true,
    establishedOn: '2019-06-28',
    enterpriseKeys: ENTERPRISES.map((e) => e.key),
  });
  await term(park.id, '2022-06-30', 5);
  // The platform's starter Q&A (no regulation text: that is imported from the official wording).
  await importKnowledge(m, { collections: [], qa: STARTER_QA }, park.id);
  const built: Built = { byKey: new Map([['park', park]]), firstMembers: new Map(), seatHolders: new Set() };

  const makeMembers = async (branch: OrganisationEntity, spec: BranchSpec) => {
    const groups: OrganisationEntity[] = [];
    for (const g of spec.groups ?? []) groups.push(await org({ name: g, kind: 'group', parentId: branch.id }));
    const rows: Partial<MemberEntity>[] = [];
    for (let i = 0; i < spec.members; i++) {
      let name: string;
      do name = pick(SURNAMES) + pick(GIVEN);
      while (usedNames.has(name));
      usedNames.add(name);
      const gender = rand() < 0.55 ? 'male' : 'female';
      const birth = iso(new Date(Date.UTC(1984 + Math.floor(rand() * 19), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28))));
      // The last `probationary` members joined within the past year (M1, M3).
      const probationary = i >= spec.members - spec.probationary;
      const joinDate = probationary
        ? iso(new Date(Date.now() - (30 + Math.floor(rand() * 300)) * 86_400_000))
        : iso(new Date(Date.UTC(Number(birth.slice(0, 4)) + 19 + Math.floor(rand() * 6), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28))));
      const id = nationalId('330106', birth, ++seq, gender);
      rows.push({
        organisationId: branch.id,
        groupId: groups.length ? groups[i % groups.length]!.id : null,
        enterpriseId: enterprises.get(spec.enterprises[i % spec.enterprises.length]!)!.id,
        name,
        gender,
        ethnicity: pick(ETHNICITIES),
        birthDate: birth,
        ...phones.seal(`1${pick(['3', '5', '7', '8', '9'])}${String(100_000_000 + seq * 7919).slice(-9)}`),
        nationalIdEnc: cipher.encrypt(id),
        nationalIdHash: cipher.blindIndex(id),
        nationalIdMasked: maskNationalId(id),
        education: pick(EDUCATIONS),
        joinDate: joinDate > today ? today : joinDate,
        fullMemberDate: probationary ? null : addYears(joinDate, 1),
        status: probationary ? 'probationary' : 'full',
        // A few full members work away from here and take part as 流动党员 (M1).
        flags: !probationary && i >= spec.members - spec.probationary - spec.mobile ? ['mobile'] : [],
        post: pick(POSTS),
      });
    }
    const ids = (await m.insert(MemberEntity, rows)).identifiers.map((x) => x.id as string);
    const members = await m.findBy(
      MemberEntity,
      ids.map((id) => ({ id })),
    );
    const ordered = ids.map((id) => members.find((x) => x.id === id)!);
    // Committee seats go to the first full members; each group's first member leads it (O4, O8).
    const seats: Array<[CommitteePosition, MemberEntity, string]> = spec.positions.map((p, i) => [p, ordered[i]!, branch.id]);
    groups.forEach((g) => {
      const leader = ordered.find((x) => x.groupId === g.id && !spec.positions.some((_, i) => ordered[i] === x));
      if (leader) seats.push(['group_leader', leader, g.id]);
    });
    const termRow = spec.termStart;
    await term(branch.id, termRow, 3);
    for (const [position, member, orgId] of seats) {
      built.seatHolders.add(member.id);
      await m.insert(CommitteePositionEntity, { organisationId: orgId, memberId: member.id, position, startedOn: termRow });
    }
    built.firstMembers.set(spec.key, ordered);
  };

  const branch = async (spec: BranchSpec, parentId: string) => {
    const o = await org({
      name: spec.name,
      kind: 'branch',
      parentId,
      isJoint: spec.enterprises.length > 1,
      enterpriseKeys: spec.enterprises,
      establishedOn: '2020-07-01',
      levelApprovalNote: spec.levelApprovalNote ?? null,
    });
    built.byKey.set(spec.key, o);
    await makeMembers(o, spec);
  };

  await branch(JOINT_BRANCH, park.id);
  for (const spec of ENTERPRISE_BRANCHES) {
    // 极光's term ends in about six weeks, so the O6 reminder has something to show.
    if (spec.key === 'jiguang') spec.termStart = addYears(iso(new Date(Date.now() + 45 * 86_400_000)), -3);
    await branch(spec, park.id);
  }
  const general = await org({
    name: GENERAL_BRANCH.name,
    kind: 'general_branch',
    parentId: park.id,
    enterpriseKeys: GENERAL_BRANCH.enterprises,
    establishedOn: '2021-07-01',
  });
  await term(general.id, GENERAL_BRANCH.termStart, 3);
  built.byKey.set(GENERAL_BRANCH.key, general);
  for (const spec of GENERAL_BRANCH.branches) await branch(spec, general.id);

  const secretaryUserId = await createAccounts(m, built);
  await seedDemoMeetings(m, built.byKey.get('xingyun')!.id, built.firstMembers.get('xingyun')!, secretaryUserId);
  await seedDemoIndexes(m, park.path, rand);
  await seedDemoLedger(m, park.id);
  await seedDemoPdca(m, park.id);
}

async function createAccounts(m: EntityManager, built: Built) {
  const passwordHash = await new PasswordHasher().hash(DEMO_PASSWORD);
  const xingyun = built.firstMembers.get('xingyun')!;
  const joint = built.firstMembers.get('joint')!;
  // The demo member holds no seat, so what they see is what every member sees.
  const plainMember = xingyun.find((x) => !built.seatHolders.has(x.id) && x.status === 'full' && !x.flags.length)!;
  const user = (key: string, displayName: string, memberId: string | null) =>
    m.save(m.create(UserAccountEntity, { username: `demo-${key}`, displayName, memberId, passwordHash, isDemo: true }));
  await user('member', plainMember.name, plainMember.id);
  const secretary = await user('secretary', xingyun[0]!.name, xingyun[0]!.id);
  await user('joint-secretary', joint[0]!.name, joint[0]!.id);
  const worker = await user('worker', '周晓东', null);
  await m.insert(RoleAssignmentEntity, { userId: worker.id, role: 'org_worker', organisationId: built.byKey.get('park')!.id });
  // 发展党员 (issue 16): someone who is not yet a member, to apply and follow the 25 steps.
  await user('applicant', '林小峰', null);
  const admin = await user('admin', '平台管理员', null);
  await m.insert(RoleAssignmentEntity, { userId: admin.id, role: 'platform_admin', organisationId: built.byKey.get('park')!.id });
  return secretary.id;
}

const DESCRIPTIONS: Record<string, string> = {
  member: '普通党员 · 星云科技有限公司党支部',
  secretary: '党支部书记 · 星云科技有限公司党支部',
  'joint-secretary': '联合党支部书记 · 园区互联网企业第一联合党支部',
  worker: `组织工作人员 · ${PARK_COMMITTEE}`,
  admin: '平台管理员',
  applicant: '入党申请人 · 星云科技有限公司员工',
  contact: '企业联系人 · 星云科技有限公司',
  handler: '诉求承办人 · 经信局',
};

async function accounts(ds: DataSource): Promise<DemoAccount[]> {
  const users = await ds.getRepository(UserAccountEntity).findBy({ isDemo: true });
  return Object.keys(DESCRIPTIONS)
    .filter((key) => users.some((u) => u.username === `demo-${key}`))
    .map((key) => ({
      key,
      username: `demo-${key}`,
      password: DEMO_PASSWORD,
      description: `${DESCRIPTIONS[key]}（${users.find((u) => u.username === `demo-${key}`)!.displayName}）`,
    }));
}
