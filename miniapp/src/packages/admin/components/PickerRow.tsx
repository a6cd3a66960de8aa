import { Picker, Text, View } from '@tarojs/components';
import { chinaDateAndTime } from '@/utils/format';
import './PickerRow.scss';

type Option = { value: string; label: string };
type Props = {
  label: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
  name?: string;
} & ({ mode: 'date'; start?: string; end?: string } | { mode: 'time' } | { mode: 'selector'; options: readonly Option[] });

/** A form line whose value is picked (a date, a time of day, one of a list); lines up with the shared Field. */
export function PickerRow(props: Props) {
  const { label, value, placeholder, onChange, name } = props;
  const shown = props.mode !== 'selector' ? value : (props.options.find((o) => o.value === value)?.label ?? '');
  const row = (
    <View className='dj-picker-row' data-field={name}>
      <Text className='dj-picker-row__label'>{label}</Text>
      <Text className={`dj-picker-row__value ${shown ? '' : 'dj-picker-row__value--empty'}`}>{shown || placeholder}</Text>
      <Text className='dj-picker-row__arrow'>›</Text>
    </View>
  );
  if (props.mode === 'date') {
    return (
      <Picker mode='date' value={value || '1990-01-01'} start={props.start ?? '1920-01-01'} end={props.end} onChange={(e) => onChange(String(e.detail.value))}>
        {row}
      </Picker>
    );
  }
  if (props.mode === 'time') {
    return (
      <Picker mode='time' value={value || '09:00'} onChange={(e) => onChange(String(e.detail.value))}>
        {row}
      </Picker>
    );
  }
  const { options } = props;
  return (
    <Picker
      mode='selector'
      range={options.map((o) => o.label)}
      value={Math.max(
        0,
        options.findIndex((o) => o.value === value),
      )}
      onChange={(e) => onChange(options[Number(e.detail.value)]?.value ?? '')}
    >
      {row}
    </Picker>
  );
}

/** A day and its start and end times, as organisers schedule an activity or a class (from this year on). */
export function TimeSlotRows(props: {
  slot: { date: string; start: string; end: string };
  onChange: (patch: Partial<{ date: string; start: string; end: string }>) => void;
}) {
  const { slot, onChange } = props;
  return (
    <>
      <PickerRow
        label='日期'
        name='date'
        mode='date'
        start={`${chinaDateAndTime(new Date()).date.slice(0, 4)}-01-01`}
        value={slot.date}
        placeholder='请选择'
        onChange={(date) => onChange({ date })}
      />
      <PickerRow label='开始时间' name='start' mode='time' value={slot.start} placeholder='请选择' onChange={(start) => onChange({ start })} />
      <PickerRow label='结束时间' name='end' mode='time' value={slot.end} placeholder='请选择' onChange={(end) => onChange({ end })} />
    </>
  );
}
