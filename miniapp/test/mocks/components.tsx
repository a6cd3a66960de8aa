// @tarojs/components as plain DOM elements, keeping only the props a test looks at.
import type { ReactNode } from 'react';

type Common = {
  className?: string;
  children?: ReactNode;
  onClick?: () => void;
  role?: string;
  'aria-selected'?: boolean;
  'aria-busy'?: string;
  'aria-label'?: string;
  [data: `data-${string}`]: string | undefined;
};

const pick = ({ className, role, onClick, children, ...rest }: Common) => {
  const attrs: Record<string, unknown> = { className, role, onClick };
  for (const [k, v] of Object.entries(rest)) if (k.startsWith('data-') || k.startsWith('aria-')) attrs[k] = v;
  return { attrs, children };
};

export const View = (props: Common) => {
  const { attrs, children } = pick(props);
  return <div {...attrs}>{children}</div>;
};
export const Text = (props: Common) => {
  const { attrs, children } = pick(props);
  return <span {...attrs}>{children}</span>;
};
export const ScrollView = (props: Common & { scrollX?: boolean }) => {
  const { attrs, children } = pick(props);
  return <div {...attrs}>{children}</div>;
};
export const Button = (props: Common & { disabled?: boolean; loading?: boolean }) => {
  const { attrs, children } = pick(props);
  return (
    <button type='button' disabled={props.disabled} {...attrs}>
      {children}
    </button>
  );
};

type InputEvent = { detail: { value: string } };
type InputProps = {
  className?: string;
  value?: string;
  name?: string;
  placeholder?: string;
  password?: boolean;
  maxlength?: number;
  onInput?: (e: InputEvent) => void;
  onConfirm?: (e: InputEvent) => void;
};
export const Input = ({ className, value, name, placeholder, password, maxlength, onInput, onConfirm }: InputProps) => (
  <input
    className={className}
    name={name}
    value={value ?? ''}
    placeholder={placeholder}
    type={password ? 'password' : 'text'}
    maxLength={maxlength}
    onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
    onKeyDown={(e) => {
      if (e.key === 'Enter') onConfirm?.({ detail: { value: e.currentTarget.value } });
    }}
  />
);

type PickerProps = {
  children?: ReactNode;
  mode?: string;
  range?: string[];
  onChange: (e: { detail: { value: string | number } }) => void;
};
/** A selector picker as a <select>; date and time pickers as an <input> of that type. */
export const Picker = ({ children, mode, range, onChange }: PickerProps) => (
  <div>
    {children}
    {mode === 'date' || mode === 'time' ? (
      <input aria-label={`picker-${mode}`} type={mode} onChange={(e) => onChange({ detail: { value: e.target.value } })} />
    ) : (
      <select aria-label='picker' onChange={(e) => onChange({ detail: { value: e.target.value } })}>
        {(range ?? []).map((label, i) => (
          <option key={label} value={i}>
            {label}
          </option>
        ))}
      </select>
    )}
  </div>
);

export const Image = ({
  className,
  src,
  onClick,
}: {
  className?: string;
  src: string;
  mode?: string;
  onClick?: () => void;
  [data: `data-${string}`]: unknown;
}) => <img className={className} src={src} alt='' onClick={onClick} />;

type TextareaProps = {
  className?: string;
  value?: string;
  placeholder?: string;
  maxlength?: number;
  disabled?: boolean;
  placeholderClass?: string;
  onInput?: (e: InputEvent) => void;
};
export const Textarea = ({ className, value, placeholder, maxlength, disabled, onInput }: TextareaProps) => (
  <textarea
    className={className}
    value={value ?? ''}
    placeholder={placeholder}
    maxLength={maxlength}
    disabled={disabled}
    onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
  />
);

type SwitchProps = { checked?: boolean; color?: string; onChange?: (e: { detail: { value: boolean } }) => void };
export const Switch = ({ checked, onChange }: SwitchProps) => (
  <input type='checkbox' role='switch' checked={checked ?? false} onChange={(e) => onChange?.({ detail: { value: e.target.checked } })} />
);

type VideoProps = {
  className?: string;
  src: string;
  initialTime?: number;
  onPlay?: () => void;
  onPause?: () => void;
  onEnded?: () => void;
  onTimeUpdate?: (e: { detail: { currentTime: number; duration: number } }) => void;
  [other: string]: unknown;
};
/** A <video> whose time a test sets with `data-time` before firing timeupdate. */
export const Video = ({ className, src, initialTime, onPlay, onPause, onEnded, onTimeUpdate }: VideoProps) => (
  <video
    className={className}
    src={src}
    data-initial-time={initialTime}
    onPlay={onPlay}
    onPause={onPause}
    onEnded={onEnded}
    onTimeUpdate={(e) => onTimeUpdate?.({ detail: { currentTime: Number(e.currentTarget.dataset.time ?? 0), duration: 0 } })}
  />
);

export const RichText = ({ className, nodes }: { className?: string; nodes: string }) => <div className={className} data-rich-text={nodes} />;

type SliderProps = { min?: number; max?: number; value?: number; onChange?: (e: { detail: { value: number } }) => void; [other: string]: unknown };
export const Slider = ({ min, max, value, onChange }: SliderProps) => (
  <input type='range' min={min} max={max} value={value ?? 0} onChange={(e) => onChange?.({ detail: { value: Number(e.target.value) } })} />
);
export const Swiper = (props: Common & { autoplay?: boolean; circular?: boolean; indicatorDots?: boolean }) => {
  const { attrs, children } = pick(props);
  return <div {...attrs}>{children}</div>;
};
export const SwiperItem = (props: Common) => {
  const { attrs, children } = pick(props);
  return <div {...attrs}>{children}</div>;
};
