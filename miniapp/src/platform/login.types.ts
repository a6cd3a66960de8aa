import type { SignInResult } from '@dangjian/shared';

export type SignInPanelProps = {
  /** Called once the server has issued tokens; the page stores them and opens 首页. */
  onSignedIn: (result: SignInResult) => void;
};
