import { cleanup, configure } from '@testing-library/react';
import { resetClientState } from '@/api/client';
import { resetMeStore } from '@/store/me';
import { resetOfflineCheckins } from '@/store/offline-checkins';
import { resetTaroMock } from './mocks/taro';

// `findBy…`/`waitFor` give up after 5 s instead of Testing Library's 1 s: in `pnpm test` this suite runs
// beside the browser suite on two busy cores, where a page's re-render after a click once took longer
// than 1 s (TransferQueuesPage, CI 2026-12-06). They still return as soon as the element is there.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  resetTaroMock();
  resetClientState();
  resetMeStore();
  resetOfflineCheckins();
});
