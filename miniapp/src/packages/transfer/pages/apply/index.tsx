import { useEffect, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { LETTER_VALIDITY_MAX_DAYS, ORG_KIND_LABEL, TRANSFER_KIND_LABEL } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { createTransfer, getTransfer, getTransferFees, searchDestinations, takeTransferStep } from '@/api/transfers';
import { Card, Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { safeDecode } from '@/utils/qr';
import { FeesNotice } from '../../components/FeesNotice';
import { FormRow } from '../../components/FormRow';
import { PickSheet } from '../../components/PickSheet';
import { transferDetailUrl } from '../../routes';
import { APPLY_KINDS, buildApply, buildStep, formFromTransfer, initialApplyForm, onPlatform, resubmitEdits, type ApplyForm } from '../../transfer-forms';
import '../../transfer.scss';

const KIND_HINT: Record<(typeof APPLY_KINDS)[number], string> = {
  internal: '转往本平台内的党组织，接收方确认后组织关系随即转入。',
  outbound: '转往平台以外的党组织，党委开具纸质介绍信，凭回执办结。',
  certificate: '外出不足6个月的，开具党员证明信。',
  mobile: '外出无固定地点的流动党员，在流入地党组织登记参加活动，组织关系不转移。',
};

/**
 * 申请转接 (the member); with `?memberId=&memberName=`, the sending branch starts it for a member (T2);
 * with `?id=`, 修改后重新提交 a transfer that was returned (T7): the same form filled with what was
 * sent, the kind fixed.
 */
export default function ApplyTransferPage() {
  const { params } = useRouter();
  const returnedId = safeDecode(params.id);
  const memberId = safeDecode(params.memberId) || undefined;
  const memberName = safeDecode(params.memberName);
  const returned = useQuery(returnedId || null, () => getTransfer(returnedId));
  const fees = useQuery(`fees:${memberId ?? 'me'}`, () => getTransferFees(memberId));
  const [form, setForm] = useState<ApplyForm | null>(returnedId ? null : initialApplyForm());
  const [picking, setPicking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (returned.data && !form) setForm(formFromTransfer(returned.data));
  }, [returned.data, form]);
  // Back from the fees page: what is owed may have changed.
  useDidShow(() => {
    if (fees.data) void fees.reload();
  });

  const set = <K extends keyof ApplyForm>(key: K, value: ApplyForm[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));

  /** Sends the form; refusals are shown in place. */
  const run = async (work: () => Promise<void>) => {
    setSaving(true);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const submit = async () => {
    if (!form) return;
    setError(null);
    const original = returned.data;
    if (original) {
      const step = buildStep('resubmit', { edits: resubmitEdits(original, form) });
      if (!step.ok) return setError(step.message);
      return run(async () => {
        await takeTransferStep(original.id, step.dto);
        void Taro.showToast({ title: '已重新提交', icon: 'success' });
        void Taro.navigateBack();
      });
    }
    const built = buildApply(form, memberId);
    if (!built.ok) return setError(built.message);
    return run(async () => {
      const created = await createTransfer(built.dto);
      void Taro.showToast({ title: '申请已提交', icon: 'success' });
      void Taro.redirectTo({ url: transferDetailUrl(created.id) });
    });
  };

  const loading = returnedId ? returned.loading : false;
  return (
    <View className='page transfer-page transfer-apply'>
      <StateView loading={loading} error={returned.error} ready={form !== null} onRetry={() => void returned.reload()}>
        {form ? (
          <>
            {memberId ? <Notice tone='info'>{`由党支部为 ${memberName} 发起转接，提交后报党委审批。`}</Notice> : null}
            {fees.data ? <FeesNotice fees={fees.data} canPay={!memberId} /> : null}
            {returned.data ? (
              <Notice tone='warning'>{`转接申请已退回修改：${returned.data.steps[returned.data.steps.length - 1]?.reason ?? ''}`}</Notice>
            ) : null}
            <Card title='转接信息'>
              {returned.data ? (
                <FormRow label='转接类型' value={TRANSFER_KIND_LABEL[form.kind]} readOnly />
              ) : (
                <View className='transfer-kinds' role='radiogroup' aria-label='转接类型'>
                  {APPLY_KINDS.map((k) => (
                    <View
                      key={k}
                      role='radio'
                      aria-checked={k === form.kind}
                      className={`transfer-kinds__item ${k === form.kind ? 'transfer-kinds__item--active' : ''}`}
                      onClick={() => set('kind', k)}
                    >
                      {TRANSFER_KIND_LABEL[k]}
                    </View>
                  ))}
                </View>
              )}
              <Text className='transfer-hint'>{KIND_HINT[form.kind]}</Text>
              {onPlatform(form.kind) ? (
                <FormRow label='接收党组织' value={form.toOrg?.name ?? ''} placeholder='请选择本平台党组织' onClick={() => setPicking(true)} />
              ) : (
                <Field
                  label='接收党组织'
                  name='toOrgName'
                  value={form.toOrgName}
                  maxlength={100}
                  placeholder='填写对方党组织全称'
                  onChange={(v) => set('toOrgName', v)}
                />
              )}
              <Field
                label='有效天数'
                name='validityDays'
                type='number'
                value={form.validityDays}
                maxlength={2}
                placeholder={`1–${LETTER_VALIDITY_MAX_DAYS} 天，默认 30 天`}
                onChange={(v) => set('validityDays', v)}
              />
              <Field
                label='联系电话'
                name='memberPhone'
                type='number'
                value={form.memberPhone}
                maxlength={11}
                placeholder={returned.data?.memberPhone ? `留空则沿用 ${returned.data.memberPhone}` : '默认使用档案中的手机号'}
                onChange={(v) => set('memberPhone', v)}
              />
              <Text className='transfer-hint'>转接原因</Text>
              <Textarea
                className='transfer-textarea'
                value={form.reason}
                maxlength={500}
                placeholder='例如：工作调动至××公司'
                onInput={(e) => set('reason', e.detail.value)}
              />
            </Card>
            <View className='transfer-submit'>
              <FormError message={error} />
              <DjButton className='transfer-apply__submit' loading={saving} onClick={() => void submit()}>
                {returned.data ? '修改后重新提交' : memberId ? '发起转接' : '提交申请'}
              </DjButton>
            </View>
          </>
        ) : null}
      </StateView>
      <PickSheet
        open={picking}
        title='选择接收党组织'
        searchPlaceholder='输入党组织名称'
        emptyText='没有找到，请换个名称搜索'
        load={(q) => searchDestinations(q, { pageSize: 50 }).then((p) => p.items.map((o) => ({ id: o.id, name: o.name, note: ORG_KIND_LABEL[o.kind] })))}
        onPick={(o) => set('toOrg', { id: o.id, name: o.name })}
        onClose={() => setPicking(false)}
      />
    </View>
  );
}
