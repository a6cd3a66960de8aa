import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { CORRECTABLE_FIELDS } from '@dangjian/shared';
import { createCorrection } from '@/api/corrections';
import { errorMessage } from '@/api/errors';
import { getMyMember } from '@/api/members';
import { getOrganisation } from '@/api/orgs';
import { Card, Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { MemberFields } from '../../components/MemberFields';
import { correctionUrl } from '../../corrections';
import { buildCorrection, formFromMember, type MemberForm } from '../../member-form';
import '../../admin.scss';

/** The member's own record as a form: change what is wrong, say why; only the changed fields are sent. */
export default function CorrectionRequestPage() {
  const member = useQuery('me', getMyMember);
  const orgId = member.data?.orgId ?? null;
  // A member may not read their branch's record; then 工作单位 is not offered.
  const org = useQuery(orgId, () => getOrganisation(orgId ?? '', { toast: false }));
  const [form, setForm] = useState<MemberForm | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (member.data && !form) setForm(formFromMember(member.data));
  }, [member.data, form]);
  const set = <K extends keyof MemberForm>(key: K, value: MemberForm[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));

  const submit = async () => {
    const m = member.data;
    if (!form || !m) return;
    setError(null);
    const built = buildCorrection(form, m);
    if (!built.ok) return setError(built.message);
    setSaving(true);
    try {
      const created = await createCorrection({ changes: built.dto, note: note.trim() || null });
      void Taro.showToast({ title: '已提交', icon: 'success' });
      void Taro.redirectTo({ url: correctionUrl(created.id) });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='page correction-request'>
      <StateView loading={member.loading} error={member.error} ready={form !== null} onRetry={() => void member.reload()}>
        {form && member.data ? (
          <>
            <Notice tone='info'>修改有误的项目后提交，党支部审核通过后更新到档案。入党日期、党员状态、身份证号等请联系党支部办理。</Notice>
            <Card title='我的档案'>
              <MemberFields
                form={form}
                set={set}
                fields={CORRECTABLE_FIELDS}
                enterprises={org.data?.enterprises}
                masked={{ phone: member.data.phone, nationalId: null }}
              />
              <Text className='admin-form__hint'>更正说明（选填）</Text>
              <Textarea
                className='admin-form__note'
                value={note}
                maxlength={200}
                placeholder='例如：以身份证为准、已取得硕士学位'
                onInput={(e) => setNote(e.detail.value)}
              />
            </Card>
            <View className='admin-form__actions'>
              <FormError message={error} />
              <DjButton loading={saving} onClick={() => void submit()}>
                提交更正申请
              </DjButton>
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
