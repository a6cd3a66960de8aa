import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { chinaToday, isOpenDevState, type Gender } from '@dangjian/shared';
import { applyForMembership, listMyDevelopment } from '@/api/development';
import { errorMessage } from '@/api/errors';
import { searchDestinations } from '@/api/transfers';
import { Card, Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { coursesUrl } from '@/packages/study/routes';
import { Deadlines, StageBar, StepList, TrainingHours } from '../../components/Progress';
import { devDetailUrl } from '../../routes';
import '../../develop.scss';

type Form = {
  branchQuery: string;
  branch: { id: string; name: string } | null;
  name: string;
  gender: Gender;
  birthDate: string;
  nationalId: string;
  appliedOn: string;
};

/** The applicant: where am I (stage, step of 25), what is next and who acts, deadlines; or the application form. */
export default function DevelopMinePage() {
  const mine = useQuery('dev-mine', () => listMyDevelopment());
  usePullDownRefresh(() => void mine.reload().finally(() => Taro.stopPullDownRefresh()));
  const open = mine.data?.find((r) => isOpenDevState(r.state));

  return (
    <View className='page dev-page'>
      <StateView loading={mine.loading} error={mine.error} ready={mine.data !== undefined} onRetry={() => void mine.reload()}>
        {open ? (
          <>
            <Card title={`${open.name} · ${open.stateLabel}`}>
              <StageBar record={open} />
            </Card>
            <Card title='下一步'>
              {open.next.map((n) => (
                <View key={n.action} className='dev-next__row'>
                  <Text>{n.stepNo ? `${n.stepNo}. ${n.label}` : n.label}</Text>
                  <Text className='dev-next__who'>{n.actor === 'applicant' ? '需要您办理' : `由${n.actorLabel}办理`}</Text>
                </View>
              ))}
              {open.next.some((n) => n.actor === 'applicant') ? <Notice tone='info'>请按要求准备材料，可在详情页上传。</Notice> : null}
            </Card>
            {open.training ? (
              <Card title='集中培训学时'>
                <TrainingHours training={open.training} self />
                <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: coursesUrl({ required: true }) })}>
                  去学习培训课程
                </DjButton>
              </Card>
            ) : null}
            {open.deadlines.length ? (
              <Card title='时间节点'>
                <Deadlines record={open} />
              </Card>
            ) : null}
            <Card title='已完成的步骤'>
              <StepList record={open} />
            </Card>
            <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: devDetailUrl(open.id) })}>
              查看详情与材料
            </DjButton>
          </>
        ) : (
          <ApplyForm onDone={() => void mine.reload()} />
        )}
      </StateView>
    </View>
  );
}

function ApplyForm({ onDone }: { onDone: () => void }) {
  const [form, setForm] = useState<Form>({ branchQuery: '', branch: null, name: '', gender: 'male', birthDate: '', nationalId: '', appliedOn: chinaToday() });
  const [branches, setBranches] = useState<Array<{ id: string; name: string }>>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (p: Partial<Form>) => setForm((f) => ({ ...f, ...p }));

  const search = async () => {
    try {
      const page = await searchDestinations(form.branchQuery, { pageSize: 20 });
      setBranches(page.items.filter((o) => o.kind === 'branch'));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const submit = async () => {
    if (!form.branch) return setError('请选择要申请加入的党支部');
    setBusy(true);
    setError(null);
    try {
      await applyForMembership({
        branchId: form.branch.id,
        name: form.name.trim(),
        gender: form.gender,
        birthDate: form.birthDate.trim(),
        nationalId: form.nationalId.trim(),
        appliedOn: form.appliedOn.trim(),
        ethnicity: '汉族',
        backbone: false,
      });
      void Taro.showToast({ title: '入党申请已递交', icon: 'success' });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title='递交入党申请书'>
      <Notice tone='info'>年满 18 周岁，可向工作单位的党支部递交入党申请书。党组织会在一个月内派人与您谈话。</Notice>
      <Field label='党支部' name='branchQuery' value={form.branchQuery} onChange={(v) => set({ branchQuery: v })} placeholder='输入单位名称查找' />
      <DjButton variant='secondary' onClick={() => void search()}>
        查找党支部
      </DjButton>
      <View className='dev-choice'>
        {branches.map((b) => (
          <Text key={b.id} className={`dev-choice__item ${form.branch?.id === b.id ? 'is-on' : ''}`} onClick={() => set({ branch: b })}>
            {b.name}
          </Text>
        ))}
      </View>
      <Field label='姓名' name='name' value={form.name} onChange={(v) => set({ name: v })} maxlength={20} />
      <View className='dev-choice'>
        {(['male', 'female'] as const).map((g) => (
          <Text key={g} className={`dev-choice__item ${form.gender === g ? 'is-on' : ''}`} onClick={() => set({ gender: g })}>
            {g === 'male' ? '男' : '女'}
          </Text>
        ))}
      </View>
      <Field label='出生日期' name='birthDate' value={form.birthDate} onChange={(v) => set({ birthDate: v })} placeholder='例如 1998-04-02' maxlength={10} />
      <Field label='身份证号' name='nationalId' value={form.nationalId} onChange={(v) => set({ nationalId: v })} maxlength={18} />
      <Field label='申请日期' name='appliedOn' value={form.appliedOn} onChange={(v) => set({ appliedOn: v })} maxlength={10} />
      <FormError message={error} />
      <DjButton loading={busy} onClick={() => void submit()}>
        递交申请
      </DjButton>
    </Card>
  );
}
