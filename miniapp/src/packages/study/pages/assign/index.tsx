import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Picker, Text, Textarea, View } from '@tarojs/components';
import { ROLE_LABEL, chinaDate } from '@dangjian/shared';
import { listChildOrganisations } from '@/api/orgs';
import { createAssignment, listCourses } from '@/api/study';
import { Card, InfoRow } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { useQuery } from '@/hooks/useQuery';
import { safeDecode } from '@/utils/qr';
import { ASSIGNABLE_ROLES, ASSIGN_TARGET_LABEL, CANDIDATE_STAGE_LABEL, emptyAssignForm, toAssignment, type AssignForm } from '../../assign-form';
import { MemberPicker } from '../../MemberPicker';
import { assignmentUrl } from '../../routes';
import { useTask } from '../../useTask';
import '../../study.scss';

const TARGETS = Object.keys(ASSIGN_TARGET_LABEL) as AssignForm['target'][];
const CANDIDATE_STAGES = Object.keys(CANDIDATE_STAGE_LABEL) as AssignForm['stages'];

/**
 * A secretary assigns a required course with a deadline to all members, chosen members, a 党小组 or a
 * role (L5), or to the development candidates (入党积极分子 / 发展对象) of the organisation (D11).
 */
export default function AssignPage() {
  const { params } = useRouter();
  const orgId = safeDecode(params.orgId);
  const orgName = safeDecode(params.orgName);
  const [form, setForm] = useState<AssignForm>({ ...emptyAssignForm(), courseId: safeDecode(params.courseId) });
  const { busy, error, fail, run } = useTask();
  const courses = useQuery('assignable-courses', () => listCourses({ pageSize: 100 }));
  const groups = useQuery(form.target === 'group' ? `groups:${orgId}` : null, async () =>
    (await listChildOrganisations(orgId)).filter((o) => o.kind === 'group'),
  );
  const set = (patch: Partial<AssignForm>) => setForm((f) => ({ ...f, ...patch }));
  const courseList = courses.data?.items ?? [];
  const course = courseList.find((c) => c.id === form.courseId);

  const submit = () => {
    const built = toAssignment(orgId, form, chinaDate(new Date()));
    if (!built.ok) return fail(built.error);
    return run(async () => {
      const created = await createAssignment(built.body);
      void Taro.showToast({ title: '已布置', icon: 'success' });
      void Taro.redirectTo({ url: assignmentUrl(created.id) });
    });
  };

  return (
    <View className='page study-page study-form'>
      <Card title={orgName || '布置必修课程'}>
        <Picker mode='selector' range={courseList.map((c) => c.title)} onChange={(e) => set({ courseId: courseList[Number(e.detail.value)]?.id ?? '' })}>
          <InfoRow label='课程' value={<Text className={course ? '' : 'dj-muted'}>{course?.title ?? '请选择课程 ▾'}</Text>} />
        </Picker>
        <Picker
          mode='date'
          value={form.deadline || chinaDate(new Date())}
          start={chinaDate(new Date())}
          onChange={(e) => set({ deadline: String(e.detail.value) })}
        >
          <InfoRow label='完成期限' value={<Text className={form.deadline ? '' : 'dj-muted'}>{form.deadline || '请选择日期 ▾'}</Text>} />
        </Picker>
        <View className='study-tabs study-form__targets'>
          {TARGETS.map((t) => (
            <Text key={t} className={`study-tabs__item ${form.target === t ? 'study-tabs__item--on' : ''}`} onClick={() => set({ target: t })}>
              {ASSIGN_TARGET_LABEL[t]}
            </Text>
          ))}
        </View>
        {form.target === 'group' ? (
          <Picker
            mode='selector'
            range={(groups.data ?? []).map((g) => g.name)}
            onChange={(e) => set({ groupId: groups.data?.[Number(e.detail.value)]?.id ?? '' })}
          >
            <InfoRow
              label='党小组'
              value={
                groups.data?.find((g) => g.id === form.groupId)?.name ?? (
                  <Text className='dj-muted'>{groups.data && !groups.data.length ? '没有党小组' : '请选择 ▾'}</Text>
                )
              }
            />
          </Picker>
        ) : null}
        {form.target === 'role' ? (
          <Picker
            mode='selector'
            range={ASSIGNABLE_ROLES.map((r) => ROLE_LABEL[r])}
            onChange={(e) => set({ role: ASSIGNABLE_ROLES[Number(e.detail.value)] ?? '' })}
          >
            <InfoRow label='职务' value={form.role ? ROLE_LABEL[form.role] : <Text className='dj-muted'>请选择 ▾</Text>} />
          </Picker>
        ) : null}
        {form.target === 'candidates' ? (
          <>
            <View className='study-tabs'>
              {CANDIDATE_STAGES.map((st) => (
                <Text
                  key={st}
                  className={`study-tabs__item ${form.stages.includes(st) ? 'study-tabs__item--on' : ''}`}
                  onClick={() => set({ stages: form.stages.includes(st) ? form.stages.filter((x) => x !== st) : [...form.stages, st] })}
                >
                  {CANDIDATE_STAGE_LABEL[st]}
                </Text>
              ))}
            </View>
            <Text className='dj-muted'>尚未入党的培养对象以本人账号学习（需已在小程序递交入党申请）；发展对象的学时计入集中培训。</Text>
          </>
        ) : null}
        <Textarea
          className='study-form__textarea'
          value={form.note}
          maxlength={500}
          placeholder='说明（选填）'
          onInput={(e) => set({ note: e.detail.value })}
        />
      </Card>
      {form.target === 'members' ? <MemberPicker orgId={orgId} selected={form.memberIds} onChange={(memberIds) => set({ memberIds })} /> : null}
      <FormError message={error} />
      <View className='study-footer'>
        <DjButton loading={busy !== null} onClick={() => void submit()}>
          布置
        </DjButton>
      </View>
    </View>
  );
}
