import type { FC } from 'react';
import { DemoSignIn } from '@/pages/sign-in/DemoSignIn';
import { PasswordSignIn } from '@/pages/sign-in/PasswordSignIn';
import type { SignInPanelProps } from './login.types';

// A browser has no WeChat identity: organisation workers use a password, visitors a demo account.
export const SignInPanel: FC<SignInPanelProps> = ({ onSignedIn }) => (
  <>
    <DemoSignIn onSignedIn={onSignedIn} />
    <PasswordSignIn onSignedIn={onSignedIn} />
  </>
);
