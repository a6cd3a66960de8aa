import { Input, Text, View } from '@tarojs/components';
import './Field.scss';

type FieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: 'text' | 'number';
  password?: boolean;
  maxlength?: number;
  name?: string;
};

export function Field({ label, value, onChange, placeholder, type = 'text', password, maxlength = 64, name }: FieldProps) {
  return (
    <View className='dj-field'>
      <Text className='dj-field__label'>{label}</Text>
      <Input
        className='dj-field__input'
        name={name}
        type={type}
        password={password}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        placeholderClass='dj-field__placeholder'
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  );
}

export function FormError({ message }: { message: string | null }) {
  return message ? (
    <View className='dj-form-error' role='alert'>
      <Text>{message}</Text>
    </View>
  ) : null;
}
