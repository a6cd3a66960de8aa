import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import OrgImportPage from './index';

const upload = jest.fn();
jest.mock('@/platform/file-upload', () => ({ pickAndUploadXlsx: (...a: unknown[]) => upload(...a) }));
jest.mock('@/platform/open', () => ({ openExternal: jest.fn() }));
jest.mock('@/api/orgs', () => ({
  orgImportPath: (dry: boolean) => `/organisations/import${dry ? '?dryRun=true' : ''}`,
  orgImportTemplateUrl: () => Promise.resolve('t'),
  orgExportUrl: () => Promise.resolve('e'),
}));

describe('组织架构导入 page', () => {
  it('shows the row-by-row report of a refused file in plain Chinese', async () => {
    upload.mockResolvedValueOnce({
      status: 422,
      body: {
        ok: false,
        code: 'ORG_IMPORT_ROWS_INVALID',
        message: '有 1 处错误，未导入任何组织；请按报告修改后重新上传',
        errors: [{ row: 3, column: '上级组织', message: '找不到上级组织“某党委”' }],
      },
    });
    render(<OrgImportPage />);
    fireEvent.click(screen.getByText('导入(.xlsx)'));
    await waitFor(() => expect(screen.getByText('第 3 行 · 上级组织')).toBeTruthy());
    expect(screen.getByText('找不到上级组织“某党委”')).toBeTruthy();
    expect(upload).toHaveBeenCalledWith('/organisations/import');
  });

  it('says what a successful check would import, without importing', async () => {
    upload.mockResolvedValueOnce({ status: 200, body: { ok: true, dryRun: true, created: 12, enterprisesCreated: 3 } });
    render(<OrgImportPage />);
    fireEvent.click(screen.getByText('检查文件'));
    await waitFor(() => expect(screen.getByText('检查通过：可导入 12 个组织，新建企业 3 家（尚未导入）')).toBeTruthy());
    expect(upload).toHaveBeenCalledWith('/organisations/import?dryRun=true');
  });
});
