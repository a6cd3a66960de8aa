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
      className={`dj-btn dj-btn--${variant} ${className ?? ''}`}
      loading={loading}
      disabled={disabled || loading}
      onClick={() => {
        if (!disabled && !loading) onClick?.();
      }}
    >
      {children}
    </Button>
  );
}
