import { ballotTokenFromParams } from './index';
import { receiptIncluded } from '../receipt/index';
import { keepReceipt, keptReceipts } from '../../routes';

const TOKEN = 'b1.AbC_d-1.abcdefghijklmnopqrstuv.123.sig_NATURE-x';

describe('ballot page parameters', () => {
  it('reads the token from b, encoded or not', () => {
    expect(ballotTokenFromParams({ b: TOKEN })).toBe(TOKEN);
    expect(ballotTokenFromParams({ b: encodeURIComponent(TOKEN) })).toBe(TOKEN);
  });

  it("reads WeChat's q (the whole scanned URL, encoded)", () => {
    expect(ballotTokenFromParams({ q: encodeURIComponent(`https://dj.example/#/vote/ballot?b=${TOKEN}`) })).toBe(TOKEN);
  });

  it('answers null without a token', () => {
    expect(ballotTokenFromParams({})).toBeNull();
  });
});

describe('receipts', () => {
  it('finds a receipt in the published list regardless of case and spaces', () => {
    expect(receiptIncluded({ receipts: ['AB12CD', 'XY34ZW'] }, ' ab12cd ')).toBe(true);
    expect(receiptIncluded({ receipts: ['AB12CD'] }, 'AB12CE')).toBe(false);
  });

  it('keeps receipts on the phone, newest first, without duplicates', () => {
    keepReceipt({ boxId: 'b1', receipt: 'R1', title: '选举', at: '2026-01-01T00:00:00Z' });
    keepReceipt({ boxId: 'b2', receipt: 'R2', title: '表决', at: '2026-01-01T00:01:00Z' });
    keepReceipt({ boxId: 'b1', receipt: 'R1', title: '选举', at: '2026-01-01T00:02:00Z' });
    expect(keptReceipts().map((r) => r.receipt)).toEqual(['R1', 'R2']);
  });
});
