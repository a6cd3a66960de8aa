import { Text, View } from '@tarojs/components';
import '../transfer.scss';

type FormRowProps = { label: string; value: string; placeholder?: string; onClick?: () => void; readOnly?: boolean };

/** A form line whose value is picked (a picker, a sheet) rather than typed; lines up with the shared Field. */
export function FormRow({ label, value, placeholder, onClick, readOnly }: FormRowProps) {
  return (
    <View className='transfer-form-row' onClick={onClick}>
      <Text className='transfer-form-row__label'>{label}</Text>
      <Text className={`transfer-form-row__value ${value ? '' : 'transfer-form-row__value--empty'}`}>{value || placeholder}</Text>
      {readOnly ? null : <Text className='transfer-form-row__arrow'>›</Text>}
    </View>
  );
}
