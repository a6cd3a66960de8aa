import type { BallotCandidate } from '@dangjian/shared';
import { canWriteIn, emptyForm, reviewBallot, setMark, setWriteIn, toBallotInput } from './ballot-form';

const c = (n: number, name: string): BallotCandidate => ({ id: `00000000-0000-4000-8000-00000000000${n}`, name, introduction: '简介', order: n });
const A = c(1, '王芳');
const B = c(2, '李强');
const C = c(3, '张伟');
const list = [A, B, C];

describe('ballot form (E7)', () => {
  it('allows a write-in only next to 不赞成', () => {
    let f = setMark(emptyForm(), A.id, 'abstain');
    expect(canWriteIn(f, A.id, true)).toBe(false);
    expect(setWriteIn(f, A.id, '赵六')).toBe(f);
    f = setMark(f, A.id, 'against');
    expect(canWriteIn(f, A.id, true)).toBe(true);
    expect(canWriteIn(f, A.id, false)).toBe(false);
    f = setWriteIn(f, A.id, '赵六');
    expect(toBallotInput(f, list).writeIns).toEqual([{ replaces: A.id, name: '赵六' }]);
  });

  it('drops the write-in when the mark changes away from 不赞成', () => {
    let f = setWriteIn(setMark(emptyForm(), B.id, 'against'), B.id, '赵六');
    f = setMark(f, B.id, 'abstain');
    expect(f.writeIns[B.id]).toBeUndefined();
    expect(toBallotInput(f, list).writeIns).toEqual([]);
  });

  it('sends marks in ballot order and skips blank write-ins', () => {
    let f = setMark(emptyForm(), C.id, 'for');
    f = setMark(f, A.id, 'against');
    f = setWriteIn(f, A.id, '   ');
    expect(toBallotInput(f, list)).toEqual({
      marks: [
        { candidateId: A.id, mark: 'against' },
        { candidateId: C.id, mark: 'for' },
      ],
      writeIns: [],
    });
  });

  it('reports a write-in of a listed candidate as a form problem', () => {
    const f = setWriteIn(setMark(emptyForm(), A.id, 'against'), A.id, '李强');
    const r = reviewBallot(f, list, 2, true);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toContain('王芳');
  });

  it('lists unmarked candidates (counted as 弃权)', () => {
    const r = reviewBallot(setMark(emptyForm(), A.id, 'for'), list, 2, true);
    expect(r.unmarked).toEqual(['李强', '张伟']);
    expect(r.counts).toEqual({ for: 1, against: 0, abstain: 0 });
  });
});

describe('E8 warning before submitting', () => {
  it('is silent at exactly the seats', () => {
    let f = setMark(emptyForm(), A.id, 'for');
    f = setMark(f, B.id, 'for');
    expect(reviewBallot(f, list, 2, true).invalidWarning).toBeNull();
  });

  it('warns when 赞成 exceed the seats', () => {
    let f = emptyForm();
    for (const x of list) f = setMark(f, x.id, 'for');
    const r = reviewBallot(f, list, 2, true);
    expect(r.invalidWarning).toContain('无效票');
    expect(r.problems).toEqual([]);
  });

  it('counts write-ins toward the seats, not 不赞成 or 弃权', () => {
    let f = setMark(emptyForm(), A.id, 'for');
    f = setMark(f, B.id, 'against');
    f = setMark(f, C.id, 'abstain');
    expect(reviewBallot(f, list, 1, true).invalidWarning).toBeNull();
    f = setWriteIn(f, B.id, '赵六');
    expect(reviewBallot(f, list, 1, true).invalidWarning).toContain('超过应选名额 1 名');
  });
});
