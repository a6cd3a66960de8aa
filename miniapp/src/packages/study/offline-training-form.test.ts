import { emptyOfflineTrainingForm, toOfflineTraining } from './offline-training-form';

const ORG = '11111111-1111-4111-8111-111111111111';
const M = '33333333-3333-4333-8333-333333333333';
const TODAY = '2026-11-22';

describe('record a concentrated training (L1 hours offline)', () => {
  const filled = { ...emptyOfflineTrainingForm(), title: '党的二十大精神专题培训', date: '2026-11-20', hours: '4', memberIds: [M] };

  it('builds the request with hours in half-hour steps', () => {
    expect(toOfflineTraining(ORG, filled, TODAY)).toEqual({
      ok: true,
      body: { orgId: ORG, title: '党的二十大精神专题培训', date: '2026-11-20', hours: 4, memberIds: [M] },
    });
    expect(toOfflineTraining(ORG, { ...filled, hours: '0.5', date: TODAY }, TODAY)).toMatchObject({ ok: true, body: { hours: 0.5 } });
    expect(toOfflineTraining(ORG, { ...filled, hours: '200' }, TODAY)).toMatchObject({ ok: true });
  });

  it('starts on today', () => {
    expect(emptyOfflineTrainingForm(TODAY).date).toBe(TODAY);
  });

  it('refuses what the schema would, in Chinese, before any request', () => {
    expect(toOfflineTraining(ORG, { ...filled, title: ' ' }, TODAY)).toEqual({ ok: false, error: '请填写培训名称' });
    expect(toOfflineTraining(ORG, { ...filled, date: '' }, TODAY)).toEqual({ ok: false, error: '请选择培训日期' });
    expect(toOfflineTraining(ORG, { ...filled, date: '2026-11-23' }, TODAY)).toEqual({ ok: false, error: '只能登记已经举行的培训' });
    for (const hours of ['', '0', '0.3', '1.25', '200.5', 'abc']) {
      expect(toOfflineTraining(ORG, { ...filled, hours }, TODAY)).toEqual({ ok: false, error: '学时以 0.5 小时为单位，0.5 至 200' });
    }
    expect(toOfflineTraining(ORG, { ...filled, memberIds: [] }, TODAY)).toEqual({ ok: false, error: '请选择参加培训的党员' });
  });
});
