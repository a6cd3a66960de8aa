import Taro from '@tarojs/taro';
import { fireEvent, render, screen } from '@testing-library/react';
import type { ChildCount, Organisation } from '@dangjian/shared';
import { saveTokens } from '@/api/session';
import { BRANCH_ID, ORG_ID, orgDetail } from '@test/fixtures';
import { mockRoute } from '@test/mocks/taro';
import OrgTreePage from './index';

const park = orgDetail({
  warnings: [{ rule: 'O2', code: 'BRANCH_TOO_LARGE', message: '第一联合党支部有 150 名党员，一般不超过 50 人' }],
});
const branch: Organisation = { ...park, id: BRANCH_ID, parentId: ORG_ID, name: '星云科技有限公司党支部', kind: 'branch', isJoint: false, memberCount: 36 };
const counts: ChildCount[] = [{ orgId: BRANCH_ID, name: branch.name, kind: 'branch', memberCount: 36, fullMemberCount: 33, probationaryMemberCount: 3 }];

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/organisations', { status: 200, body: [park] });
  mockRoute(`GET /api/v1/organisations/${ORG_ID}`, { status: 200, body: park });
  mockRoute(`GET /api/v1/organisations/${ORG_ID}/children`, { status: 200, body: [branch] });
  mockRoute(`GET /api/v1/organisations/${ORG_ID}/child-counts`, { status: 200, body: counts });
  mockRoute(`GET /api/v1/organisations/${BRANCH_ID}`, { status: 200, body: orgDetail({ ...branch, childCount: 0, warnings: [] }) });
  mockRoute(`GET /api/v1/organisations/${BRANCH_ID}/children`, { status: 200, body: [] });
  mockRoute(`GET /api/v1/organisations/${BRANCH_ID}/child-counts`, { status: 200, body: [] });
});

describe('OrgTreePage', () => {
  it('starts at the single scope root with its warnings, children and counts', async () => {
    render(<OrgTreePage />);

    expect(await screen.findByText('第一联合党支部有 150 名党员，一般不超过 50 人')).toBeTruthy();
    expect(await screen.findByText('党员 36 人 · 正式 33 · 预备 3')).toBeTruthy();
    expect(screen.getAllByText('党委').length).toBeGreaterThan(0);
  });

  it('drills down in place and links to the member roll', async () => {
    render(<OrgTreePage />);

    fireEvent.click(await screen.findByText('星云科技有限公司党支部'));
    expect(await screen.findByText('没有下级组织')).toBeTruthy();

    fireEvent.click(screen.getByText('查看党员名册'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/packages/admin/pages/members/index?orgId=${BRANCH_ID}&orgName=${encodeURIComponent('星云科技有限公司党支部')}`,
    });

    fireEvent.click(screen.getByText('园区联合党委'));
    expect(await screen.findByText('党员 36 人 · 正式 33 · 预备 3')).toBeTruthy();
  });
});
