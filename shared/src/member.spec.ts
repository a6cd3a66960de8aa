import {
  CreateMemberSchema,
  UpdateMemberSchema,
  isValidNationalId,
  maskNationalId,
  maskPhone,
  memberFactIssues,
  NationalIdSchema,
  nationalIdBirthDate,
  nationalIdGender,
  partyYears,
  wholeYearsBetween,
  chinaToday,
} from './member.js';

/** Appends the GB 11643 check character to 17 digits. */
const withCheck = (first17: string) => {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11];
};

describe('national ID (M4, GB 11643)', () => {
  it('accepts the standard example and refuses a wrong check character', () => {
    expect(isValidNationalId('11010519491231002X')).toBe(true);
    expect(isValidNationalId('110105194912310021')).toBe(false);
    expect(isValidNationalId('11010519491231002')).toBe(false);
  });

  it('reads the birth date and sex from the ID', () => {
    expect(nationalIdBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(nationalIdGender('11010519491231002X')).toBe('female');
    expect(nationalIdGender(withCheck('11010519900101001'))).toBe('male');
  });

  it('normalises a lower-case x and refuses an impossible birth date', () => {
    expect(NationalIdSchema.parse(' 11010519491231002x ')).toBe('11010519491231002X');
    const feb30 = withCheck('11010519900230001');
    expect(isValidNationalId(feb30)).toBe(true);
    expect(NationalIdSchema.safeParse(feb30).success).toBe(false);
  });
});

describe('masking (M4)', () => {
  it('keeps the first 3 and last 4 characters of an ID', () => {
    expect(maskNationalId('11010519491231002X')).toBe('110***********002X');
    expect(maskNationalId('11010519491231002X')).toHaveLength(18);
  });
  it('keeps the first 3 and last 4 digits of a phone', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
  });
});

describe('party years (M3)', () => {
  it('counts whole years from the end of probation', () => {
    expect(partyYears({ status: 'full', fullMemberDate: '2019-07-01' }, '2024-06-30')).toBe(4);
    expect(partyYears({ status: 'full', fullMemberDate: '2019-07-01' }, '2024-07-01')).toBe(5);
    expect(partyYears({ status: 'full', fullMemberDate: '2024-02-29' }, '2025-02-28')).toBe(0);
  });
  it('is null while probationary', () => {
    expect(partyYears({ status: 'probationary', fullMemberDate: null }, '2024-07-01')).toBeNull();
  });
  it('counts whole years like a birthday', () => {
    expect(wholeYearsBetween('2000-03-15', '2018-03-14')).toBe(17);
    expect(wholeYearsBetween('2000-03-15', '2018-03-15')).toBe(18);
  });
  it('knows today in China', () => {
    expect(chinaToday(new Date('2024-12-31T16:30:00Z'))).toBe('2025-01-01');
  });
});

describe('member facts (M1, M3, M4)', () => {
  const base = { gender: 'female' as const, birthDate: '1949-12-31', joinDate: '1970-07-01', status: 'full' as const, fullMemberDate: '1971-07-01' };
  it('accepts consistent facts', () => {
    expect(memberFactIssues({ ...base, nationalId: '11010519491231002X' }, '2024-01-01')).toEqual([]);
  });
  it('refuses an ID whose birth date or sex differs', () => {
    const issues = memberFactIssues({ ...base, birthDate: '1950-01-01', gender: 'male', nationalId: '11010519491231002X' }, '2024-01-01');
    expect(issues.map((i) => i.message)).toEqual(expect.arrayContaining([expect.stringContaining('出生日期'), expect.stringContaining('性别')]));
  });
  it('requires a 转正 date for full members and none for probationary ones', () => {
    expect(memberFactIssues({ ...base, fullMemberDate: null }, '2024-01-01')[0]?.field).toBe('fullMemberDate');
    expect(memberFactIssues({ ...base, status: 'probationary' }, '2024-01-01')[0]?.field).toBe('fullMemberDate');
    expect(memberFactIssues({ ...base, fullMemberDate: '1969-01-01' }, '2024-01-01')[0]?.field).toBe('fullMemberDate');
  });
  it('refuses admission before 18 and dates in the future', () => {
    expect(memberFactIssues({ ...base, joinDate: '1967-12-30', fullMemberDate: '1968-12-30' }, '2024-01-01')[0]?.message).toMatch(/18/);
    expect(memberFactIssues({ ...base, joinDate: '2030-01-01', fullMemberDate: null, status: 'probationary' }, '2024-01-01')[0]?.field).toBe('joinDate');
  });
  it('the create schema reports them per field', () => {
    const res = CreateMemberSchema.safeParse({
      orgId: '00000000-0000-4000-8000-000000000001',
      name: '张三',
      gender: 'male',
      birthDate: '1949-12-31',
      nationalId: '11010519491231002X',
      joinDate: '1970-07-01',
      status: 'probationary',
    });
    expect(res.success).toBe(false);
    expect(res.error?.issues.map((i) => i.path.join('.'))).toEqual(['nationalId']);
  });
  it('the update schema refuses status and organisation fields', () => {
    expect(UpdateMemberSchema.safeParse({ status: 'full' }).success).toBe(false);
    expect(UpdateMemberSchema.safeParse({ orgId: '00000000-0000-4000-8000-000000000001' }).success).toBe(false);
    expect(UpdateMemberSchema.safeParse({ name: '李四' }).success).toBe(true);
  });
});
