import {
  buildAdditional,
  buildApproval,
  buildCancel,
  buildExclusion,
  buildOpinion,
  buildReduceSeats,
  emptyApproval,
  emptyExclusion,
  emptyOpinion,
  isDate,
} from './manage-forms';

const M = '00000000-0000-4000-8000-000000000001';
const N = '00000000-0000-4000-8000-000000000002';
const P = '00000000-0000-4000-8000-000000000003';

describe('date fields', () => {
  it('accepts only real dates', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2026-02-30')).toBe(false);
    expect(isDate('2026/02/01')).toBe(false);
  });
});

describe('E2 exclusion form', () => {
  const filled = {
    ...emptyExclusion('2026-11-20'),
    memberId: M,
    reason: 'abroad' as const,
    approvedBy: ' 中共某某党委 ',
    reference: '党委〔2026〕12号',
    vote: { for: 10, against: 1, abstain: 0 },
  };

  it('asks for each required part in turn', () => {
    expect(buildExclusion(emptyExclusion('2026-11-20'))).toEqual({ ok: false, error: '请选择不计入应到会人数的党员' });
    expect(buildExclusion({ ...filled, reason: null })).toMatchObject({ ok: false, error: expect.stringContaining('原因') });
    expect(buildExclusion({ ...filled, approvedBy: '党' })).toMatchObject({ ok: false, error: expect.stringContaining('上级党组织') });
    expect(buildExclusion({ ...filled, reference: ' ' })).toMatchObject({ ok: false, error: expect.stringContaining('文号') });
    expect(buildExclusion({ ...filled, approvedOn: '2026-13-01' })).toMatchObject({ ok: false, error: expect.stringContaining('批准日期') });
    expect(buildExclusion({ ...filled, vote: { for: 0, against: 0, abstain: 0 } })).toMatchObject({ ok: false, error: expect.stringContaining('表决结果') });
  });

  it('refuses a branch-meeting vote that did not pass (赞成 not more than half)', () => {
    expect(buildExclusion({ ...filled, vote: { for: 5, against: 4, abstain: 1 } })).toMatchObject({ ok: false, error: expect.stringContaining('未通过') });
  });

  it('builds the ExclusionInput body, trimmed, without an empty note', () => {
    expect(buildExclusion(filled)).toEqual({
      ok: true,
      body: {
        memberId: M,
        reason: 'abroad',
        higherApproval: { approvedBy: '中共某某党委', reference: '党委〔2026〕12号', approvedOn: '2026-11-20' },
        meetingVote: { for: 10, against: 1, abstain: 0, heldOn: '2026-11-20' },
      },
    });
    expect(buildExclusion({ ...filled, note: ' 外派 ' })).toMatchObject({ ok: true, body: { note: '外派' } });
  });
});

describe('E12 另行选举', () => {
  it('needs candidates, each with an introduction', () => {
    expect(buildAdditional({}, [M, N], 1, 'competitive')).toEqual({ ok: false, error: '请选择另行选举的候选人' });
    expect(buildAdditional({ [M]: '简介内容', [N]: ' ' }, [M, N], 1, 'competitive')).toMatchObject({ ok: false, error: expect.stringContaining('简介') });
  });

  it('applies E4 to the shortfall (差额 needs more candidates than seats)', () => {
    expect(buildAdditional({ [M]: '简介内容' }, [M, N], 1, 'competitive')).toMatchObject({ ok: false });
  });

  it('sends the candidates in list order', () => {
    expect(buildAdditional({ [N]: ' 李强简介 ', [M]: '王芳简介' }, [M, N, P], 1, 'competitive')).toEqual({
      ok: true,
      body: {
        candidates: [
          { memberId: M, introduction: '王芳简介' },
          { memberId: N, introduction: '李强简介' },
        ],
      },
    });
  });
});

describe('E12 减少名额', () => {
  it('needs the consent of more than half of the voters present', () => {
    expect(buildReduceSeats({ for: 0, against: 0, abstain: 0 }, 10)).toMatchObject({ ok: false });
    expect(buildReduceSeats({ for: 5, against: 0, abstain: 0 }, 10)).toMatchObject({ ok: false, error: expect.stringContaining('过半数') });
    expect(buildReduceSeats({ for: 9, against: 2, abstain: 0 }, 10)).toMatchObject({ ok: false, error: expect.stringContaining('不能多于实到人数') });
    expect(buildReduceSeats({ for: 6, against: 3, abstain: 1 }, 10)).toEqual({ ok: true, body: { consent: { for: 6, against: 3, abstain: 1 } } });
  });
});

describe('E14 higher approval and cancelling', () => {
  it('needs an answer, a reference and a date', () => {
    const f = emptyApproval('2026-11-21');
    expect(buildApproval(f)).toMatchObject({ ok: false, error: expect.stringContaining('批准或不批准') });
    expect(buildApproval({ ...f, approved: true })).toMatchObject({ ok: false, error: '请填写批复文号' });
    expect(buildApproval({ ...f, approved: false, reference: ' 组〔2026〕3号 ' })).toEqual({
      ok: true,
      body: { approved: false, reference: '组〔2026〕3号', approvedOn: '2026-11-21' },
    });
  });

  it('needs a reason of at least 2 characters to cancel', () => {
    expect(buildCancel(' 好 ')).toMatchObject({ ok: false });
    expect(buildCancel(' 会议改期 ')).toEqual({ ok: true, body: { reason: '会议改期' } });
  });
});

describe('V2 written opinion', () => {
  it('needs the member and the choice, and builds the body', () => {
    const f = emptyOpinion('2026-11-19');
    expect(buildOpinion(f)).toMatchObject({ ok: false, error: expect.stringContaining('党员') });
    expect(buildOpinion({ ...f, memberId: M })).toMatchObject({ ok: false, error: expect.stringContaining('书面意见') });
    expect(buildOpinion({ ...f, memberId: M, choice: 'for', note: '出差' })).toEqual({
      ok: true,
      body: { memberId: M, choice: 'for', submittedOn: '2026-11-19', note: '出差' },
    });
  });
});
