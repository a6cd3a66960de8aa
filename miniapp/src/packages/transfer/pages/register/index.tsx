import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Picker, View } from '@tarojs/components';
import { MEMBER_STATUS_LABEL } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { getOrganisation, listSubtreeBranches } from '@/api/orgs';
import { createTransfer } from '@/api/transfers';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { EmptyState } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { safeDecode } from '@/utils/qr';
import { FormRow } from '../../components/FormRow';
import { PickSheet } from '../../components/PickSheet';
import { transferDetailUrl } from '../../routes';
import { buildRegister, initialRegisterForm, type RegisterForm } from '../../transfer-forms';
import '../../transfer.scss';

const GENDERS = [
  { value: 'male', label: '男' },
  { value: 'female', label: '女' },
] as const;
const STATUSES = ['full', 'probationary'] as const;

/**
 * 登记纸质介绍信转入: a member arrives from outside the platform with a paper letter; the receiving
 * committee (基层党委) registers them in one of its branches (inbound: accepted at once, the member then
 * reports). Elsewhere the page says who registers.
 */
export default function RegisterInboundPage() {
  const { params } = useRouter();
  const orgId = safeDecode(params.orgId);
  const org = useQuery(orgId || null, () => getOrganisation(orgId));
  const [form, setForm] = useState<RegisterForm>(() => initialRegisterForm(null));
  const [picking, setPicking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof RegisterForm>(key: K, value: RegisterForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async () => {
    const built = buildRegister(form);
    if (!built.ok) return setError(built.message);
    setSaving(true);
    setError(null);
    try {
      const created = await createTransfer(built.dto);
      void Taro.showToast({ title: '已登记转入', icon: 'success' });
      void Taro.redirectTo({ url: transferDetailUrl(created.id) });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  // Only the receiving 基层党委 registers a paper letter and assigns the branch (T2).
  if (org.data && org.data.kind !== 'committee') {
    return (
      <View className='page transfer-page'>
        <EmptyState title='请由基层党委登记' description={`纸质介绍信转入由接收的基层党委登记并分配党支部，${org.data.name}不能直接登记。`} />
      </View>
    );
  }

  return (
    <View className='page transfer-page transfer-register'>
      <Card title='介绍信'>
        <Field
          label='原党组织'
          name='fromOrgName'
          value={form.fromOrgName}
          maxlength={100}
          placeholder='开具介绍信的党组织'
          onChange={(v) => set('fromOrgName', v)}
        />
        <Field
          label='介绍信编号'
          name='paperLetterNumber'
          value={form.paperLetterNumber}
          maxlength={50}
          placeholder='例如：〔2026〕第0012号'
          onChange={(v) => set('paperLetterNumber', v)}
        />
        <FormRow label='转入党支部' value={form.branch?.name ?? ''} placeholder='请选择' onClick={() => setPicking(true)} />
      </Card>
      <Card title='党员信息'>
        <Field label='姓名' name='name' value={form.name} maxlength={30} onChange={(v) => set('name', v)} />
        <Picker
          mode='selector'
          range={GENDERS.map((g) => g.label)}
          value={form.gender === 'male' ? 0 : 1}
          onChange={(e) => set('gender', GENDERS[Number(e.detail.value)]?.value ?? 'male')}
        >
          <FormRow label='性别' value={form.gender === 'male' ? '男' : '女'} />
        </Picker>
        <Field label='民族' name='ethnicity' value={form.ethnicity} maxlength={10} onChange={(v) => set('ethnicity', v)} />
        <Picker mode='date' value={form.birthDate || '1990-01-01'} onChange={(e) => set('birthDate', String(e.detail.value))}>
          <FormRow label='出生日期' value={form.birthDate} placeholder='请选择' />
        </Picker>
        <Field label='身份证号' name='nationalId' value={form.nationalId} maxlength={18} placeholder='选填' onChange={(v) => set('nationalId', v)} />
        <Field label='手机号' name='phone' type='number' value={form.phone} maxlength={11} placeholder='选填' onChange={(v) => set('phone', v)} />
        <Picker mode='date' value={form.joinDate || '2015-07-01'} onChange={(e) => set('joinDate', String(e.detail.value))}>
          <FormRow label='入党日期' value={form.joinDate} placeholder='请选择' />
        </Picker>
        <Picker
          mode='selector'
          range={STATUSES.map((s) => MEMBER_STATUS_LABEL[s])}
          value={STATUSES.indexOf(form.status)}
          onChange={(e) => set('status', STATUSES[Number(e.detail.value)] ?? 'full')}
        >
          <FormRow label='党员类别' value={MEMBER_STATUS_LABEL[form.status]} />
        </Picker>
        {form.status === 'full' ? (
          <Picker mode='date' value={form.fullMemberDate || form.joinDate || '2016-07-01'} onChange={(e) => set('fullMemberDate', String(e.detail.value))}>
            <FormRow label='转正日期' value={form.fullMemberDate} placeholder='请选择' />
          </Picker>
        ) : null}
      </Card>
      <View className='transfer-submit'>
        <FormError message={error} />
        <DjButton loading={saving} onClick={() => void submit()}>
          登记转入
        </DjButton>
      </View>
      <PickSheet
        open={picking}
        title='选择转入的党支部'
        searchPlaceholder='搜索党支部名称'
        emptyText='本组织下没有该党支部'
        load={(q) => listSubtreeBranches(orgId, q)}
        onPick={(o) => set('branch', { id: o.id, name: o.name })}
        onClose={() => setPicking(false)}
      />
    </View>
  );
}
