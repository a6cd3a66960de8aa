import { useEffect, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { errorMessage } from '@/api/errors';
import { DjButton } from './DjButton';
import { FormError } from './Field';
import './PromptDialog.scss';

type PromptDialogProps = {
  open: boolean;
  title: string;
  /** One line above the field: whom or what the text is about. */
  description?: string;
  placeholder: string;
  confirmText?: string;
  /** Below this many characters the confirm button stays disabled (the server's reasons need 2). */
  minLength?: number;
  maxLength?: number;
  /** Rejecting keeps the dialog open and shows the error's message under the field. */
  onConfirm: (value: string) => Promise<void> | void;
  onClose: () => void;
};

/** Asks for one piece of text (a reason, a note, a typed code) in a bottom sheet. */
export function PromptDialog(props: PromptDialogProps) {
  const { open, title, description, placeholder, confirmText = '确定', minLength = 0, maxLength = 500, onConfirm, onClose } = props;
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setValue('');
      setError(null);
    }
  }, [open]);

  if (!open) return null;
  const tooShort = value.trim().length < minLength;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(value.trim());
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='dj-prompt' role='dialog' aria-label={title}>
      <View className='dj-prompt__mask' onClick={busy ? undefined : onClose} />
      <View className='dj-prompt__sheet'>
        <Text className='dj-prompt__title'>{title}</Text>
        {description ? <Text className='dj-prompt__desc'>{description}</Text> : null}
        <Textarea
          className='dj-prompt__input'
          value={value}
          placeholder={placeholder}
          placeholderClass='dj-prompt__placeholder'
          maxlength={maxLength}
          onInput={(e) => setValue(e.detail.value)}
        />
        <FormError message={error} />
        <View className='dj-prompt__actions'>
          <DjButton variant='secondary' className='dj-prompt__btn' disabled={busy} onClick={onClose}>
            取消
          </DjButton>
          <DjButton className='dj-prompt__btn' loading={busy} disabled={tooShort} onClick={() => void confirm()}>
            {confirmText}
          </DjButton>
        </View>
      </View>
    </View>
  );
}
