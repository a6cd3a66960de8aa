import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import type { AttendeeScope, MemberRef } from '@dangjian/shared';
import { MEETING_TYPE_LABEL } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { createMeeting } from '@/api/meetings';
import { getOrganisation } from '@/api/orgs';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { getLocation } from '@/platform/location';
import { useMe } from '@/store/me';
import { safeDecode } from '@/utils/qr';
import { MemberPicker } from '../../components/MemberPicker';
import { meetingDetailUrl } from '../../routes';
import { roomIsFine } from '../detail/MeetingManage';
import { CLOSES_AFTER_START_MIN, OPENS_BEFORE_MIN, QR_STEPS, RADII_M, buildMeeting, initialForm, typesFor, type MeetingForm } from './meeting-form';
import './index.scss';

const SCOPE_LABEL: Record<AttendeeScope, string> = { organisation: '本组织党员', subtree: '含下级组织全体党员' };
const closesLabel = (m: number | null) => (m === null ? '会议结束时' : `会议开始后 ${m} 分钟`);

type RowProps = { label: string; value: string; placeholder?: string; onClick?: () => void; readOnly?: boolean };

function Row({ label, value, placeholder, onClick, readOnly }: RowProps) {
  return (
    <View className='form-row' onClick={onClick}>
      <Text className='form-row__label'>{label}</Text>
      <Text className={`form-row__value ${value ? '' : 'form-row__value--empty'}`}>{value || placeholder}</Text>
      {readOnly ? null : <Text className='form-row__arrow'>›</Text>}
    </View>
  );
}

export default function CreateMeetingPage() {
  const { params } = useRouter();
  const orgId = safeDecode(params.orgId);
  const orgName = safeDecode(params.orgName);
  const { me } = useMe();
  const org = useQuery(orgId || null, () => getOrganisation(orgId));
  const [form, setForm] = useState<MeetingForm | null>(null);
  const [picking, setPicking] = useState<'chair' | 'recorder' | null>(null);
  const [locating, setLocating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!org.data || form) return;
    const self: MemberRef | null = me?.memberId ? { id: me.memberId, name: me.displayName } : null;
    // The secretary usually chairs a meeting of their own branch; a group's leader their group's.
    setForm(initialForm(org.data.kind, new Date(), me?.orgId === orgId || org.data.kind === 'group' ? self : null));
  }, [org.data, form, me, orgId]);

  const set = <K extends keyof MeetingForm>(key: K, value: MeetingForm[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));

  const locate = async () => {
    setLocating(true);
    try {
      set('fence', await getLocation());
    } catch (e) {
      void Taro.showToast({ title: e instanceof Error ? e.message : '无法获取位置', icon: 'none', duration: 3000 });
    } finally {
      setLocating(false);
    }
  };

  const submit = async () => {
    if (!form) return;
    const built = buildMeeting(orgId, form);
    if (!built.ok) {
      setError(built.message);
      return;
    }
    if (!(await roomIsFine(built.dto.place, built.dto.startsAt, built.dto.endsAt))) return;
    setSaving(true);
    setError(null);
    try {
      const created = await createMeeting(built.dto);
      void Taro.showToast({ title: '会议已创建', icon: 'success' });
      void Taro.redirectTo({ url: meetingDetailUrl(created.id) });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const kind = org.data?.kind;
  const types = kind ? typesFor(kind) : [];
  const multiLevel = kind === 'committee' || kind === 'general_branch';

  return (
    <View className='page create-meeting'>
      <StateView loading={org.loading} error={org.error} ready={form !== null} onRetry={() => void org.reload()}>
        {form ? (
          <>
            <Card title='基本信息'>
              <Row label='组织' value={org.data?.name ?? orgName} readOnly />
              <Picker
                mode='selector'
                range={types.map((t) => MEETING_TYPE_LABEL[t])}
                value={types.indexOf(form.type)}
                onChange={(e) => set('type', types[Number(e.detail.value)] ?? form.type)}
              >
                <Row label='会议类型' value={MEETING_TYPE_LABEL[form.type]} />
              </Picker>
              <Field label='会议主题' name='title' value={form.title} maxlength={100} placeholder='例如：11月主题党日' onChange={(v) => set('title', v)} />
              <Picker mode='date' value={form.date} onChange={(e) => set('date', String(e.detail.value))}>
                <Row label='日期' value={form.date} />
              </Picker>
              <Picker mode='time' value={form.start} onChange={(e) => set('start', String(e.detail.value))}>
                <Row label='开始时间' value={form.start} />
              </Picker>
              <Picker mode='time' value={form.end} onChange={(e) => set('end', String(e.detail.value))}>
                <Row label='结束时间' value={form.end} />
              </Picker>
              <Field label='会议地点' name='place' value={form.place} maxlength={200} placeholder='例如：党员活动室' onChange={(v) => set('place', v)} />
              {multiLevel ? (
                <Picker
                  mode='selector'
                  range={(['organisation', 'subtree'] as const).map((s) => SCOPE_LABEL[s])}
                  value={form.attendeeScope === 'subtree' ? 1 : 0}
                  onChange={(e) => set('attendeeScope', Number(e.detail.value) === 1 ? 'subtree' : 'organisation')}
                >
                  <Row label='参会范围' value={SCOPE_LABEL[form.attendeeScope]} />
                </Picker>
              ) : null}
            </Card>

            <Card title='主持与记录'>
              <Row label='主持人' value={form.chair?.name ?? ''} placeholder='请选择' onClick={() => setPicking('chair')} />
              <Row label='记录人' value={form.recorder?.name ?? ''} placeholder='请选择（可稍后指定）' onClick={() => setPicking('recorder')} />
              <Text className='create-meeting__label'>会议议程</Text>
              <Textarea
                className='create-meeting__agenda'
                value={form.agenda}
                maxlength={5000}
                placeholder='每行一项，例如：1. 学习传达上级精神'
                placeholderClass='create-meeting__placeholder'
                onInput={(e) => set('agenda', e.detail.value)}
              />
            </Card>

            <Card title='签到设置'>
              <Picker
                mode='selector'
                range={OPENS_BEFORE_MIN.map((m) => `会前 ${m} 分钟`)}
                value={OPENS_BEFORE_MIN.indexOf(form.opensBeforeMin as 30)}
                onChange={(e) => set('opensBeforeMin', OPENS_BEFORE_MIN[Number(e.detail.value)] ?? 30)}
              >
                <Row label='签到开始' value={`会前 ${form.opensBeforeMin} 分钟`} />
              </Picker>
              <Picker
                mode='selector'
                range={CLOSES_AFTER_START_MIN.map(closesLabel)}
                value={CLOSES_AFTER_START_MIN.indexOf(form.closesAfterStartMin as null)}
                onChange={(e) => set('closesAfterStartMin', CLOSES_AFTER_START_MIN[Number(e.detail.value)] ?? null)}
              >
                <Row label='签到截止' value={closesLabel(form.closesAfterStartMin)} />
              </Picker>
              <Picker
                mode='selector'
                range={QR_STEPS.map((s) => `每 ${s} 秒`)}
                value={QR_STEPS.indexOf(form.qrStepSeconds as 15)}
                onChange={(e) => set('qrStepSeconds', QR_STEPS[Number(e.detail.value)] ?? 15)}
              >
                <Row label='刷新间隔' value={`二维码每 ${form.qrStepSeconds} 秒更新`} />
              </Picker>
              <View className='form-row'>
                <Text className='form-row__label'>定位签到</Text>
                <Text className='form-row__value'>{form.fence ? '已开启' : '关闭'}</Text>
                <Switch
                  checked={form.fence !== null}
                  color='#c8161d'
                  onChange={(e) => {
                    if (e.detail.value) void locate();
                    else set('fence', null);
                  }}
                />
              </View>
              {locating ? <Text className='create-meeting__hint'>正在获取当前位置…</Text> : null}
              {form.fence ? (
                <>
                  <Text className='create-meeting__hint'>
                    会场位置：{form.fence.lat.toFixed(5)}, {form.fence.lng.toFixed(5)}
                    {form.fence.accuracyM ? `（精度约 ${Math.round(form.fence.accuracyM)} 米）` : ''}
                  </Text>
                  <Picker
                    mode='selector'
                    range={RADII_M.map((r) => `${r} 米`)}
                    value={RADII_M.indexOf(form.radiusM as 200)}
                    onChange={(e) => set('radiusM', RADII_M[Number(e.detail.value)] ?? 200)}
                  >
                    <Row label='签到范围' value={`会场 ${form.radiusM} 米内`} />
                  </Picker>
                  <Text className='create-meeting__link' onClick={() => void locate()}>
                    重新定位
                  </Text>
                </>
              ) : null}
            </Card>

            <View className='create-meeting__submit'>
              <FormError message={error} />
              <DjButton loading={saving} onClick={() => void submit()}>
                创建会议
              </DjButton>
            </View>
          </>
        ) : null}
      </StateView>
      <MemberPicker
        open={picking !== null}
        title={picking === 'chair' ? '选择主持人' : '选择记录人'}
        orgId={orgId}
        onPick={(m) => (picking === 'chair' ? set('chair', m) : set('recorder', m))}
        onClose={() => setPicking(null)}
      />
    </View>
  );
}
