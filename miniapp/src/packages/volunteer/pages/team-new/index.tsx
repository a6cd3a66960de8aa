import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Textarea, View } from '@tarojs/components';
import { VOLUNTEER_LIMITS } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { createTeam } from '@/api/volunteer';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { PickerRow } from '@/packages/admin/components/PickerRow';
import { useMe } from '@/store/me';
import { teamOrgOptions } from '../../manage-orgs';
import '../../volunteer.scss';

/** A secretary creates a volunteer or rescue team of an organisation they run (volunteer.manage). */
export default function TeamNewPage() {
  const { me } = useMe();
  const orgs = teamOrgOptions(me);
  const [orgId, setOrgId] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const org = orgId || orgs[0]?.value || '';

  const submit = async () => {
    if (!org) return setError('您没有可以组建服务队的组织');
    if (!name.trim()) return setError('请填写队伍名称');
    setSaving(true);
    setError(null);
    try {
      const t = await createTeam({ orgId: org, name, description });
      void Taro.showToast({ title: '服务队已创建', icon: 'success' });
      void Taro.redirectTo({ url: `/packages/volunteer/pages/team/index?id=${t.id}` });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='page vol'>
      <Card title='服务队信息'>
        <PickerRow label='所属组织' name='org' mode='selector' options={orgs} value={org} placeholder='请选择' onChange={setOrgId} />
        <Field label='队伍名称' name='name' value={name} maxlength={VOLUNTEER_LIMITS.nameMax} placeholder='例如：公益救援队' onChange={setName} />
        <Textarea
          className='vol__textarea'
          value={description}
          maxlength={VOLUNTEER_LIMITS.textMax}
          placeholder='队伍简介（选填）：服务内容、集合地点等'
          onInput={(e) => setDescription(e.detail.value)}
        />
        <FormError message={error} />
        <DjButton loading={saving} onClick={() => void submit()}>
          创建服务队
        </DjButton>
      </Card>
    </View>
  );
}
