import { letterCodeFrom, letterCodeFromParams } from './letter-code';

const ID = '55555555-5555-4555-8555-555555555555';
const SIG = '0123456789abcdef0123';

describe(letterCodeFrom.name, () => {
  it('reads id and sig from the API link, the H5 route, and WeChat’s encoded URL', () => {
    expect(letterCodeFrom(`https://dj.example.cn/api/v1/transfers/letters/verify?id=${ID}&sig=${SIG}`)).toEqual({ id: ID, sig: SIG });
    expect(letterCodeFrom(`https://dj.example.cn/#/transfer/verify?id=${ID}&sig=${SIG.toUpperCase()}`)).toEqual({ id: ID, sig: SIG });
    expect(letterCodeFrom(encodeURIComponent(encodeURIComponent(`https://dj.example.cn/#/transfer/verify?id=${ID}&sig=${SIG}`)))).toEqual({ id: ID, sig: SIG });
    expect(letterCodeFrom(`  id=${ID}&sig=${SIG}  `)).toEqual({ id: ID, sig: SIG });
  });

  it('names no letter for anything else', () => {
    expect(letterCodeFrom('')).toBeNull();
    expect(letterCodeFrom('https://example.com/')).toBeNull();
    expect(letterCodeFrom(`?id=not-a-uuid&sig=${SIG}`)).toBeNull();
    expect(letterCodeFrom(`?id=${ID}&sig=xyz`)).toBeNull();
  });
});

describe(letterCodeFromParams.name, () => {
  it('takes id and sig, or the whole URL in q', () => {
    expect(letterCodeFromParams({ id: ID, sig: SIG })).toEqual({ id: ID, sig: SIG });
    expect(letterCodeFromParams({ q: encodeURIComponent(`https://dj.example.cn/#/transfer/verify?id=${ID}&sig=${SIG}`) })).toEqual({ id: ID, sig: SIG });
    expect(letterCodeFromParams({})).toBeNull();
  });
});
