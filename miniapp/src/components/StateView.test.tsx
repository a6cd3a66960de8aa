import { fireEvent, render, screen } from '@testing-library/react';
import { ApiError } from '@/api/errors';
import { StateView } from './StateView';

const error = new ApiError(500, { code: 'INTERNAL', message: '服务暂时不可用' });

describe(StateView.name, () => {
  it('shows a spinner before the first answer', () => {
    render(
      <StateView loading error={null} ready={false}>
        内容
      </StateView>,
    );
    expect(screen.getByText('加载中…')).toBeTruthy();
    expect(screen.queryByText('内容')).toBeNull();
  });

  it('shows the error with a retry button when the first load fails', () => {
    const onRetry = jest.fn();
    render(
      <StateView loading={false} error={error} ready={false} onRetry={onRetry}>
        内容
      </StateView>,
    );
    expect(screen.getByRole('alert').textContent).toContain('服务暂时不可用');
    fireEvent.click(screen.getByText('重试'));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('keeps loaded content on screen when a reload fails', () => {
    render(
      <StateView loading={false} error={error} ready>
        内容
      </StateView>,
    );
    expect(screen.getByText('内容')).toBeTruthy();
  });

  it('shows the empty state when there is nothing', () => {
    render(
      <StateView loading={false} error={null} ready empty emptyTitle='暂无党员'>
        内容
      </StateView>,
    );
    expect(screen.getByText('暂无党员')).toBeTruthy();
    expect(screen.queryByText('内容')).toBeNull();
  });
});
