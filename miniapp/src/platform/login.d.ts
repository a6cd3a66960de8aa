import type { FC } from 'react';
import type { SignInPanelProps } from './login.types';

/** weapp: WeChat sign-in and first-time binding; H5 (no WeChat login): demo picker and password form. */
export declare const SignInPanel: FC<SignInPanelProps>;
