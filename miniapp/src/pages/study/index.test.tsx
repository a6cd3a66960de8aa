import { render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { saveTokens } from '@/api/session';
import { memberMe, orgWorkerMe, secretaryMe } from '@test/fixtures';
import { mockRoute, requests } from '@test/mocks/taro';
import { COURSE_ID, courseSummary, myPoints, studyHours } from '@test/study-fixtures';
import StudyPage from './index';

const page = (items: unknown[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

function mockStudy() {
  mockRoute('GET /api/v1/study/hours', { status: 200, body: studyHours() });
  mockRoute('GET /api/v1/study/points/me', { status: 200, body: myPoints() });
  mockRoute('GET /api/v1/study/courses', (req) => ({ status: 200, body: page(req.query.get('required') === 'true' ? [courseSummary()] : []) }));
  mockRoute('GET /api/v1/study/categories', { status: 200, body: [{ id: 'c1', name: '党章党规', sort: 0 }] });
  mockRoute('GET /api/v1/study/leaderboard', {
    status: 200,
    body: { org: { id: 'o', name: '第一党支部' }, year: 2026, by: 'members', rows: [], mine: { rank: 3, id: 'm', name: '李明', points: 86 } },
  });
}

beforeEach(() => saveTokens({ accessToken: 'a', refreshToken: 'r' }));

describe('StudyPage (学习 tab)', () => {
  it('shows my hours against the L1 requirement, points and rank, and the required course with its deadline', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: memberMe });
    mockStudy();
    render(<StudyPage />);
    expect(await screen.findByText('12.0')).toBeTruthy();
    expect(screen.getByText('/ 32 小时')).toBeTruthy();
    expect(screen.getByText('党员每年不少于 32 学时，还差 20.0 小时')).toBeTruthy();
    expect(screen.getByText('86')).toBeTruthy();
    expect(screen.getByText('9')).toBeTruthy(); // today: 4 + 5
    expect(screen.getByText('3')).toBeTruthy();
    expect(screen.getByText('学习新党章')).toBeTruthy();
    expect(screen.getByText('必修 · 12月31日前')).toBeTruthy();
    expect(screen.getByText('25%')).toBeTruthy();
    expect(screen.queryByText('学习管理')).toBeNull();
    screen.getByText('学习新党章').click();
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/study/pages/course/index?id=${COURSE_ID}` });
  });

  it('offers a secretary 学习督促 for the branch', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
    mockStudy();
    render(<StudyPage />);
    (await screen.findByText('学习督促')).click();
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: expect.stringContaining('/packages/study/pages/oversight/index?orgId=') });
  });

  it('shows an account without a member record only the management card, asking nothing of the member routes', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: orgWorkerMe });
    render(<StudyPage />);
    expect(await screen.findByText('课程管理')).toBeTruthy();
    expect(requests.filter((r) => r.path.startsWith('/api/v1/study'))).toHaveLength(0);
  });
});
