import { EDUCATION_LABEL, Education, GENDER_LABEL, MEMBER_STATUS_LABEL, MemberStatus, chinaToday, type Enterprise } from '@dangjian/shared';
import { Field } from '@/components/Field';
import { FIELD_LABEL, type MemberForm } from '../member-form';
import { PickerRow } from './PickerRow';

const GENDERS = [
  { value: 'male', label: GENDER_LABEL.male },
  { value: 'female', label: GENDER_LABEL.female },
];
const EDUCATIONS = [{ value: '', label: '未填写' }, ...Education.options.map((e) => ({ value: e, label: EDUCATION_LABEL[e] }))];
const STATUSES = MemberStatus.options.map((s) => ({ value: s, label: MEMBER_STATUS_LABEL[s] }));

type Props = {
  form: MemberForm;
  set: <K extends keyof MemberForm>(key: K, value: MemberForm[K]) => void;
  /** Which fields to show, in this order. */
  fields: ReadonlyArray<keyof MemberForm>;
  /** The branch's units, when known (工作单位 is offered only then). */
  enterprises?: readonly Pick<Enterprise, 'id' | 'name'>[];
  /** What the record holds for the masked fields (shown as the placeholder: empty keeps it). */
  masked?: { phone: string | null; nationalId: string | null };
};

/** The member's fields as form lines: typed ones as Field, chosen ones (dates, lists) as PickerRow. */
export function MemberFields({ form, set, fields, enterprises, masked }: Props) {
  const today = chinaToday();
  const line = (f: keyof MemberForm) => {
    const label = FIELD_LABEL[f];
    switch (f) {
      case 'gender':
        return (
          <PickerRow
            key={f}
            name={f}
            mode='selector'
            label={label}
            value={form.gender}
            placeholder='请选择'
            options={GENDERS}
            onChange={(v) => set('gender', v as MemberForm['gender'])}
          />
        );
      case 'education':
        return (
          <PickerRow
            key={f}
            name={f}
            mode='selector'
            label={label}
            value={form.education}
            placeholder='请选择'
            options={EDUCATIONS}
            onChange={(v) => set('education', v as MemberForm['education'])}
          />
        );
      case 'status':
        return (
          <PickerRow
            key={f}
            name={f}
            mode='selector'
            label={label}
            value={form.status}
            placeholder='请选择'
            options={STATUSES}
            onChange={(v) => set('status', v as MemberStatus)}
          />
        );
      case 'birthDate':
      case 'joinDate':
      case 'fullMemberDate':
        return <PickerRow key={f} name={f} mode='date' end={today} label={label} value={form[f]} placeholder='请选择日期' onChange={(v) => set(f, v)} />;
      case 'enterpriseId':
        return enterprises?.length ? (
          <PickerRow
            key={f}
            name={f}
            mode='selector'
            label={label}
            value={form.enterpriseId}
            placeholder='请选择'
            options={[{ value: '', label: '未填写' }, ...enterprises.map((e) => ({ value: e.id, label: e.name }))]}
            onChange={(v) => set('enterpriseId', v)}
          />
        ) : null;
      case 'phone':
        return (
          <Field
            key={f}
            name={f}
            label={label}
            type='number'
            maxlength={11}
            value={form.phone}
            placeholder={masked?.phone ? `${masked.phone}（不改请留空）` : '11 位手机号码'}
            onChange={(v) => set('phone', v)}
          />
        );
      case 'nationalId':
        return (
          <Field
            key={f}
            name={f}
            label={label}
            maxlength={18}
            value={form.nationalId}
            placeholder={masked?.nationalId ? `${masked.nationalId}（不改请留空）` : '18 位身份证号码'}
            onChange={(v) => set('nationalId', v)}
          />
        );
      case 'name':
      case 'ethnicity':
      case 'post':
        return (
          <Field
            key={f}
            name={f}
            label={label}
            maxlength={f === 'post' ? 100 : f === 'name' ? 50 : 20}
            value={form[f]}
            placeholder={`请填写${label}`}
            onChange={(v) => set(f, v)}
          />
        );
    }
  };
  return <>{fields.map(line)}</>;
}
