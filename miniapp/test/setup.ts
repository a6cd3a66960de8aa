import { cleanup } from '@testing-library/react';
import { resetClientState } from '@/api/client';
import { resetMeStore } from '@/store/me';
import { resetOfflineCheckins } from '@/store/offline-checkins';
import { resetTaroMock } from './mocks/taro';

afterEach(() => {
  cleanup();
  resetTaroMock();
  resetClientState();
  resetMeStore();
  resetOfflineCheckins();
});
