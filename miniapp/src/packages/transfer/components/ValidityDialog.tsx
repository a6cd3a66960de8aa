import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { LETTER_VALIDITY_MAX_DAYS, LETTER_VALIDITY_MIN_DAYS } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import '@/components/PromptDialog.scss';

type ValidityDialogProps = {
  open: boolean;
  /** The validity the applicant asked for (T4, default 30). */
  days: number;
  description: string;
  /** Rejecting keeps the dialog open and shows the message. */
  onConfirm: (days: string) => Promise<void>;
  onClose: () => void;
};

/** 审批并开具介绍信: the committee confirms or changes the letter's validity (T4: 1–90 days). */
export function ValidityDialog({ open, days, description, onConfirm, onClose }: ValidityDialogProps) {
  const [value, setValue] = useState(String(days));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setValue(String(days));
      setError(null);
    }
  }, [open, days]);

  if (!open) return null;
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(value);
      onClose();
    } catch (e) {
      // The form's own check (a plain Error with a Chinese message) or the server's refusal.
      setError(e instanceof Error ? e.message : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='dj-prompt' role='dialog' aria-label='审批并开具介绍信'>
      <View className='dj-prompt__mask' onClick={busy ? undefined : onClose} />
      <View className='dj-prompt__sheet'>
        <Text className='dj-prompt__title'>审批并开具介绍信</Text>
        <Text className='dj-prompt__desc'>{description}</Text>
        <Field
          label='有效天数'
          name='validityDays'
          type='number'
          value={value}
          maxlength={2}
          placeholder={`${LETTER_VALIDITY_MIN_DAYS}–${LETTER_VALIDITY_MAX_DAYS}`}
          onChange={setValue}
        />
        <FormError message={error} />
        <View className='dj-prompt__actions'>
          <DjButton variant='secondary' className='dj-prompt__btn' disabled={busy} onClick={onClose}>
            取消
          </DjButton>
          <DjButton className='dj-prompt__btn' loading={busy} onClick={() => void confirm()}>
            开具介绍信
          </DjButton>
        </View>
      </View>
    </View>
  );
}
