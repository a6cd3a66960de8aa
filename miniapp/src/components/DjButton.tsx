import type { ReactNode } from 'react';
import { Button } from '@tarojs/components';
import './DjButton.scss';

type DjButtonProps = {
  variant?: 'primary' | 'secondary' | 'plain';
  loading?: boolean;
  disabled?: boolean;
  onClick?: () => void;
  className?: string;
  children: ReactNode;
};

export function DjButton({ variant = 'primary', loading, disabled, onClick, className, children }: DjButtonProps) {
  return (
    <Button
      className={`dj-btn dj-btn--${variant} ${disabled || loading ? 'dj-btn--disabled' : ''} ${className ?? ''}`}
      // Omitted rather than false: Taro's H5 button styles [disabled] even when it says "false".
      loading={loading || undefined}
      disabled={disabled || loading || undefined}
      onClick={() => {
        if (!disabled && !loading) onClick?.();
      }}
    >
      {children}
    </Button>
  );
}
