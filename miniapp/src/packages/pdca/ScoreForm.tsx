import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { scoreSheetProblem, sheetTotal, type PdcaAssignment } from '@dangjian/shared';
import { savePdcaScore } from '@/api/pdca';
import { errorMessage } from '@/api/errors';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';

/** 绩效考评 (K6): the scorer's own sheet, one score per rubric item (0 … full marks, steps of 0.5), and a comment. */
export function ScoreForm({ task, userId, onSaved }: { task: PdcaAssignment; userId: string; onSaved: (t: PdcaAssignment) => void }) {
  const mine = task.sheets.find((s) => s.scorerId === userId);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(task.plan.rubric.map((i) => [i.key, mine ? String(mine.scores[i.key] ?? '') : ''])),
  );
  const [comment, setComment] = useState(mine?.comment ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scores = Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v.trim() !== '')
      .map(([k, v]) => [k, Number(v)]),
  );

  const save = async () => {
    // The same rule as the server's, so the scorer sees the problem before sending.
    const problem = scoreSheetProblem(task.plan.rubric, scores);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      onSaved(await savePdcaScore(task.id, { scores, comment }));
      void Taro.showToast({ title: '已保存评分', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={`我的评分（合计 ${sheetTotal(scores)} / ${task.plan.fullMarks}）`}>
      {task.plan.rubric.map((i) => (
        <View key={i.key} className='pdca__item'>
          <View className='pdca__item-head'>
            <Text className='pdca__item-title'>{`${i.title}（满分 ${i.maxScore}）`}</Text>
            <Input
              className='pdca__input'
              style={{ width: '25%' }}
              name={`score-${i.key}`}
              type='digit'
              value={values[i.key] ?? ''}
              maxlength={5}
              placeholder='得分'
              onInput={(e) => setValues((v) => ({ ...v, [i.key]: e.detail.value }))}
            />
          </View>
          {i.description ? <Text className='pdca__hint'>{i.description}</Text> : null}
        </View>
      ))}
      <Text className='pdca__hint'>评分意见</Text>
      <Textarea
        className='pdca__textarea'
        name='comment'
        value={comment}
        maxlength={1000}
        placeholder='亮点与不足'
        onInput={(e) => setComment(e.detail.value)}
      />
      <View className='pdca__actions'>
        <FormError message={error} />
        <DjButton loading={busy} onClick={() => void save()}>
          {mine ? '更新评分' : '保存评分'}
        </DjButton>
      </View>
    </Card>
  );
}
