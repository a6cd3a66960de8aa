import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { getMember, createMember, updateMember } from '@/api/members';
import { errorMessage } from '@/api/errors';
import { getOrganisation } from '@/api/orgs';
import { Card, Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { safeDecode } from '@/utils/qr';
import { MemberFields } from '../../components/MemberFields';
import { buildCreate, buildUpdate, emptyForm, formFromMember, type MemberForm } from '../../member-form';
import '../../admin.scss';

const BASIC: ReadonlyArray<keyof MemberForm> = ['name', 'gender', 'ethnicity', 'birthDate', 'nationalId', 'phone', 'education'];
const PARTY_NEW: ReadonlyArray<keyof MemberForm> = ['joinDate', 'status'];
const WORK: ReadonlyArray<keyof MemberForm> = ['enterpriseId', 'post'];

/**
 * 添加党员 (`?orgId=&orgName=`, the branch) or 编辑档案 (`?id=`): the secretary's form on the phone. The
 * status, flags and 党小组 of an existing member change through their own recorded steps (M1), not here.
 */
export default function MemberEditPage() {
  const { params } = useRouter();
  const id = safeDecode(params.id) || null;
  const orgIdParam = safeDecode(params.orgId) || null;
  const orgName = safeDecode(params.orgName);
  const existing = useQuery(id, () => getMember(id ?? ''));
  const orgId = existing.data?.orgId ?? orgIdParam;
  const org = useQuery(orgId, () => getOrganisation(orgId ?? '', { toast: false }));
  const [form, setForm] = useState<MemberForm | null>(id ? null : emptyForm());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: id ? '编辑党员档案' : '添加党员' }).catch(() => undefined);
  }, [id]);
  useEffect(() => {
    if (existing.data && !form) setForm(formFromMember(existing.data));
  }, [existing.data, form]);

  const set = <K extends keyof MemberForm>(key: K, value: MemberForm[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));

  /** Sends the form; refusals are shown in place. */
  const send = async (work: () => Promise<void>) => {
    setSaving(true);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const save = async () => {
    if (!form) return;
    setError(null);
    const m = existing.data;
    if (m) {
      const built = buildUpdate(form, m);
      if (!built.ok) return setError(built.message);
      return send(async () => {
        await updateMember(m.id, built.dto);
        void Taro.showToast({ title: '已保存', icon: 'success' });
        void Taro.navigateBack();
      });
    }
    if (!orgId) return setError('请从党支部的党员名册进入');
    const built = buildCreate(form, orgId);
    if (!built.ok) return setError(built.message);
    return send(async () => {
      const saved = await createMember(built.dto);
      void Taro.showToast({ title: '已添加', icon: 'success' });
      void Taro.redirectTo({ url: `/packages/admin/pages/member-detail/index?id=${saved.id}` });
    });
  };

  const status = form?.status;
  return (
    <View className='page member-edit'>
      <StateView loading={id ? existing.loading : false} error={existing.error} ready={form !== null} onRetry={() => void existing.reload()}>
        {form ? (
          <>
            {id ? null : <Notice tone='info'>{`添加到${orgName || org.data?.name || '本支部'}。身份证号加密保存，名册中只显示部分号码。`}</Notice>}
            <Card title='基本信息'>
              <MemberFields
                form={form}
                set={set}
                fields={BASIC}
                masked={existing.data ? { phone: existing.data.phone, nationalId: existing.data.nationalId } : undefined}
              />
            </Card>
            {id ? null : (
              <Card title='党籍信息'>
                <MemberFields form={form} set={set} fields={status === 'full' ? [...PARTY_NEW, 'fullMemberDate'] : PARTY_NEW} />
              </Card>
            )}
            <Card title='工作信息'>
              <MemberFields form={form} set={set} fields={WORK} enterprises={org.data?.enterprises} />
            </Card>
            <View className='admin-form__actions'>
              <FormError message={error} />
              <DjButton loading={saving} onClick={() => void save()}>
                {id ? '保存' : '添加党员'}
              </DjButton>
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
