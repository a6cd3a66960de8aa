import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Picker, Text, Textarea, View } from '@tarojs/components';
import { isValidCreditCode, LEDGER_FIELD_LABEL, type LedgerDetail } from '@dangjian/shared';
import { createLedgerEntry, getLedgerEntry, updateLedgerEntry } from '@/api/ledger';
import { errorMessage } from '@/api/errors';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { ledgerDetailUrl } from '../../routes';
import '../../ledger.scss';

type Form = Record<
  | 'name'
  | 'creditCode'
  | 'industry'
  | 'employees'
  | 'foundedOn'
  | 'address'
  | 'contactName'
  | 'contactPhone'
  | 'declaredMembers'
  | 'notes'
  | 'listedOn'
  | 'leftOn',
  string
>;
const TEXT_FIELDS = ['name', 'creditCode', 'industry', 'address', 'contactName', 'contactPhone'] as const;
const DATE_FIELDS = ['foundedOn', 'listedOn', 'leftOn'] as const;

const fromEntry = (e: LedgerDetail | undefined): Form => ({
  name: e?.name ?? '',
  creditCode: e?.creditCode ?? '',
  industry: e?.industry ?? '',
  employees: e?.employees === null || e?.employees === undefined ? '' : String(e.employees),
  foundedOn: e?.foundedOn ?? '',
  address: e?.address ?? '',
  contactName: e?.contactName ?? '',
  contactPhone: e?.contactPhone ?? '',
  declaredMembers: String(e?.declaredMembers ?? 0),
  notes: e?.notes ?? '',
  listedOn: e?.listedOn ?? '',
  leftOn: e?.leftOn ?? '',
});

/** Add an enterprise to the committee's ledger (`committeeId`) or edit one (`id`); the history keeps every change. */
export default function LedgerEditPage() {
  const { params } = useRouter();
  const id = params.id ?? null;
  const entry = useQuery(id, () => getLedgerEntry(id!));
  const [form, setForm] = useState<Form | null>(id ? null : fromEntry(undefined));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (entry.data && !form) setForm(fromEntry(entry.data));
  }, [entry.data, form]);
  const set = (k: keyof Form, v: string) => setForm((f) => (f ? { ...f, [k]: v } : f));

  const save = async () => {
    if (!form) return;
    const code = form.creditCode.trim().toUpperCase();
    if (!form.name.trim()) return setError('请填写企业名称');
    if (!isValidCreditCode(code)) return setError('统一社会信用代码应为 18 位且校验位正确，请核对营业执照');
    const num = (v: string) => (v.trim() === '' ? null : Number(v));
    if ([form.employees, form.declaredMembers].some((v) => v.trim() !== '' && !/^\d+$/.test(v.trim()))) return setError('人数应为非负整数');
    const text = (v: string) => (v.trim() === '' ? null : v.trim());
    const body = {
      name: form.name.trim(),
      creditCode: code,
      industry: text(form.industry),
      employees: num(form.employees),
      foundedOn: text(form.foundedOn),
      address: text(form.address),
      contactName: text(form.contactName),
      contactPhone: text(form.contactPhone),
      declaredMembers: num(form.declaredMembers) ?? 0,
      notes: text(form.notes),
      leftOn: text(form.leftOn),
      ...(form.listedOn ? { listedOn: form.listedOn } : {}),
    };
    setSaving(true);
    setError(null);
    try {
      const saved = id ? await updateLedgerEntry(id, body) : await createLedgerEntry({ ...body, committeeId: params.committeeId ?? '' });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void Taro.redirectTo({ url: ledgerDetailUrl(saved.id) });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='page ledger'>
      <StateView loading={entry.loading} error={entry.error} ready={form !== null} onRetry={() => void entry.reload()}>
        {form ? (
          <>
            <Card title={id ? '修改企业信息' : '新增企业'}>
              {TEXT_FIELDS.map((k) => (
                <Field key={k} name={k} label={LEDGER_FIELD_LABEL[k]} value={form[k]} maxlength={k === 'address' ? 200 : 100} onChange={(v) => set(k, v)} />
              ))}
              <Field name='employees' label={LEDGER_FIELD_LABEL.employees} type='number' value={form.employees} onChange={(v) => set('employees', v)} />
              <Field
                name='declaredMembers'
                label={LEDGER_FIELD_LABEL.declaredMembers}
                type='number'
                value={form.declaredMembers}
                onChange={(v) => set('declaredMembers', v)}
              />
              {DATE_FIELDS.map((k) => (
                <Picker key={k} mode='date' value={form[k] || '2024-01-01'} onChange={(e) => set(k, e.detail.value)}>
                  <Text className='ledger-form__hint'>{`${LEDGER_FIELD_LABEL[k]}：${form[k] || (k === 'listedOn' ? '今天' : '未填写')} ▾`}</Text>
                </Picker>
              ))}
              <Text className='ledger-form__hint'>{LEDGER_FIELD_LABEL.notes}</Text>
              <Textarea className='ledger-form__note' value={form.notes} maxlength={1000} onInput={(e) => set('notes', e.detail.value)} />
            </Card>
            <View className='ledger-form__actions'>
              <FormError message={error} />
              <DjButton loading={saving} onClick={() => void save()}>
                保存
              </DjButton>
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
