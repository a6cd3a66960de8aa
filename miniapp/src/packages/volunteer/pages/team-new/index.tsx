import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Textarea, View } from '@tarojs/components';
import { VOLUNTEER_LIMITS } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { createTeam, getTeam, updateTeam } from '@/api/volunteer';
import { Card, InfoRow } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { PickerRow } from '@/packages/admin/components/PickerRow';
import { useMe } from '@/store/me';
import { safeDecode } from '@/utils/qr';
import { teamOrgOptions } from '../../manage-orgs';
import '../../volunteer.scss';

/**
 * A volunteer or rescue team: created by a secretary for an organisation they run (volunteer.manage);
 * with `?id=` its name and description edited by those running it (the organisation stays).
 */
export default function TeamNewPage() {
  const id = safeDecode(useRouter().params.id);
  const existing = useQuery(id ? `volunteer-team-${id}` : null, () => getTeam(id));
  const { me } = useMe();
  const orgs = teamOrgOptions(me);
  const [orgId, setOrgId] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const org = orgId || orgs[0]?.value || '';
  useEffect(() => {
    if (!existing.data) return;
    setName(existing.data.name);
    setDescription(existing.data.description);
  }, [existing.data]);
  useEffect(() => {
    if (id) void Taro.setNavigationBarTitle({ title: '编辑志愿服务队' });
  }, [id]);

  const submit = async () => {
    if (!id && !org) return setError('您没有可以组建服务队的组织');
    if (!name.trim()) return setError('请填写队伍名称');
    setSaving(true);
    setError(null);
    try {
      if (id) {
        await updateTeam(id, { name, description });
        void Taro.showToast({ title: '已保存', icon: 'success' });
        // Back to the team page, which reloads when shown.
        void Taro.navigateBack();
        return;
      }
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
      <StateView loading={existing.loading} error={existing.error} ready={!id || Boolean(existing.data)} onRetry={() => void existing.reload()}>
        <Card title='服务队信息'>
          {id ? (
            <InfoRow label='所属组织' value={existing.data?.orgName ?? ''} />
          ) : (
            <PickerRow label='所属组织' name='org' mode='selector' options={orgs} value={org} placeholder='请选择' onChange={setOrgId} />
          )}
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
            {id ? '保存' : '创建服务队'}
          </DjButton>
        </Card>
      </StateView>
    </View>
  );
}
