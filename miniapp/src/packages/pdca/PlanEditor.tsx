import { useEffect, useState } from 'react';
import { Checkbox, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { chinaYear, rubricTotal, type PdcaPlanDetail, type PdcaRubricItem } from '@dangjian/shared';
import { createPdcaPlan, getPdcaCandidates, updatePdcaPlan } from '@/api/pdca';
import { errorMessage } from '@/api/errors';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { useQuery } from '@/hooks/useQuery';

const QUARTERS = ['全年', '第一季度', '第二季度', '第三季度', '第四季度'];

/** A sensible starting rubric (the seeds' 三会一课, study, service); the committee edits it. */
const DEFAULT_RUBRIC: PdcaRubricItem[] = [
  { key: 'org', title: '组织建设', description: '三会一课、主题党日按时开展，记录完整', maxScore: 40 },
  { key: 'study', title: '学习教育', description: '党员学习时长、测验完成情况', maxScore: 30 },
  { key: 'serve', title: '服务发展', description: '党员示范岗、服务企业发展和员工', maxScore: 30 },
];

type Draft = {
  title: string;
  year: string;
  quarter: number;
  dueOn: string;
  threshold: string;
  description: string;
  rubric: Array<PdcaRubricItem & { max: string }>;
};

const fromPlan = (p: PdcaPlanDetail | null): Draft => {
  const year = chinaYear(new Date());
  return {
    title: p?.title ?? '',
    year: String(p?.year ?? year),
    quarter: p?.quarter ?? 0,
    dueOn: p?.dueOn ?? `${year}-12-20`,
    threshold: String(p?.threshold ?? 60),
    description: p?.description ?? '',
    rubric: (p?.rubric ?? DEFAULT_RUBRIC).map((i) => ({ ...i, max: String(i.maxScore) })),
  };
};

type Props = { orgId: string; plan: PdcaPlanDetail | null; onSaved: (p: PdcaPlanDetail) => void };

/** 党委统筹 + 党群部组织 (K6): the tasks, the rubric (items, full marks, what earns them), the branches and the scorers of a draft. */
export function PlanEditor({ orgId, plan, onSaved }: Props) {
  const candidates = useQuery(`pdca-candidates:${orgId}`, () => getPdcaCandidates(orgId));
  const [d, setD] = useState<Draft>(() => fromPlan(plan));
  const [branches, setBranches] = useState<string[]>(plan?.assignments.map((a) => a.orgId) ?? []);
  const [scorers, setScorers] = useState<string[]>(plan?.scorers.map((s) => s.id) ?? []);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A new plan goes to every branch by default; the committee unticks the ones it leaves out.
  useEffect(() => {
    if (!plan && candidates.data) setBranches(candidates.data.branches.map((b) => b.id));
  }, [plan, candidates.data]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const setItem = (i: number, patch: Partial<Draft['rubric'][number]>) =>
    set(
      'rubric',
      d.rubric.map((x, j) => (j === i ? { ...x, ...patch } : x)),
    );
  const addItem = () => {
    const n = d.rubric.length + 1;
    const key = `item${n}-${Date.now().toString(36).slice(-4)}`;
    set('rubric', [...d.rubric, { key, title: '', description: '', maxScore: 10, max: '10' }]);
  };
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const rubric = d.rubric.map(({ max, ...i }) => ({ ...i, maxScore: Number(max) || 0 }));

  const save = async () => {
    setBusy(true);
    setError(null);
    const body = {
      title: d.title,
      year: Number(d.year),
      quarter: d.quarter || null,
      dueOn: d.dueOn,
      threshold: Number(d.threshold),
      description: d.description,
      rubric,
      branchIds: branches,
      scorerIds: scorers,
    };
    try {
      onSaved(plan ? await updatePdcaPlan(plan.id, body) : await createPdcaPlan({ ...body, orgId }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card title='工作任务'>
        <View className='pdca__grid'>
          <View>
            <Text className='pdca__hint'>任务名称</Text>
            <Input
              className='pdca__input'
              name='title'
              value={d.title}
              maxlength={80}
              placeholder='例如：2026 年第四季度党建工作考评'
              onInput={(e) => set('title', e.detail.value)}
            />
          </View>
          <View>
            <Text className='pdca__hint'>年度 / 季度</Text>
            <View className='pdca__item-head'>
              <Input className='pdca__input' name='year' type='number' value={d.year} maxlength={4} onInput={(e) => set('year', e.detail.value)} />
              <Picker mode='selector' range={QUARTERS} value={d.quarter} onChange={(e) => set('quarter', Number(e.detail.value))}>
                <Text className='pdca__link'>{`${QUARTERS[d.quarter]} ▾`}</Text>
              </Picker>
            </View>
          </View>
          <View>
            <Text className='pdca__hint'>提交截止日期</Text>
            <Picker mode='date' value={d.dueOn} onChange={(e) => set('dueOn', String(e.detail.value))}>
              <Text className='pdca__link'>{`${d.dueOn} ▾`}</Text>
            </Picker>
          </View>
          <View>
            <Text className='pdca__hint'>{`约谈分数线（满分 ${rubricTotal(rubric)} 分，低于此分约谈支部书记）`}</Text>
            <Input className='pdca__input' name='threshold' type='digit' value={d.threshold} maxlength={6} onInput={(e) => set('threshold', e.detail.value)} />
          </View>
        </View>
        <Text className='pdca__hint'>任务内容（各支部要落实的工作）</Text>
        <Textarea
          className='pdca__textarea'
          name='description'
          value={d.description}
          maxlength={4000}
          placeholder='例如：按月召开支委会，开展主题党日……'
          onInput={(e) => set('description', e.detail.value)}
        />
      </Card>
      <Card
        title='评分细则'
        extra={
          <Text className='pdca__link' onClick={addItem}>
            + 添加评分项
          </Text>
        }
      >
        {d.rubric.map((item, i) => (
          <View key={item.key} className='pdca__item' data-rubric={i}>
            <View className='pdca__item-head'>
              <Input className='pdca__input' value={item.title} maxlength={60} placeholder='评分项' onInput={(e) => setItem(i, { title: e.detail.value })} />
              <Input
                className='pdca__input'
                style={{ width: '30%' }}
                type='digit'
                value={item.max}
                maxlength={5}
                placeholder='满分'
                onInput={(e) => setItem(i, { max: e.detail.value })}
              />
              <Text
                className='pdca__remove'
                onClick={() =>
                  set(
                    'rubric',
                    d.rubric.filter((_, j) => j !== i),
                  )
                }
              >
                删除
              </Text>
            </View>
            <Input
              className='pdca__input'
              value={item.description}
              maxlength={500}
              placeholder='评分说明：怎样得满分'
              onInput={(e) => setItem(i, { description: e.detail.value })}
            />
          </View>
        ))}
      </Card>
      <Card
        title={`分派支部（${branches.length}）`}
        extra={
          <Text className='pdca__link' onClick={() => setBranches(branches.length ? [] : (candidates.data?.branches.map((b) => b.id) ?? []))}>
            {branches.length ? '全不选' : '全选'}
          </Text>
        }
      >
        <View className='pdca__grid'>
          {candidates.data?.branches.map((b) => (
            <View key={b.id} className='pdca__check' data-branch={b.name} onClick={() => setBranches((l) => toggle(l, b.id))}>
              <Checkbox value={b.id} checked={branches.includes(b.id)} />
              <Text>{b.name}</Text>
            </View>
          ))}
        </View>
      </Card>
      <Card title={`评分人（${scorers.length}，各支部得分取平均）`}>
        <View className='pdca__grid'>
          {candidates.data?.scorers.map((s) => (
            <View key={s.id} className='pdca__check' data-scorer={s.name} onClick={() => setScorers((l) => toggle(l, s.id))}>
              <Checkbox value={s.id} checked={scorers.includes(s.id)} />
              <Text>{s.name}</Text>
            </View>
          ))}
        </View>
      </Card>
      <View className='pdca__actions'>
        <FormError message={error} />
        <DjButton loading={busy} onClick={() => void save()}>
          {plan ? '保存草稿' : '创建草稿'}
        </DjButton>
      </View>
    </>
  );
}
