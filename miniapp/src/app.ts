import { useEffect, type PropsWithChildren } from 'react';
import { startOfflineSync } from '@/store/offline-checkins';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // Scans kept while offline are sent at launch and whenever the network comes back.
  useEffect(() => startOfflineSync(), []);
  return children;
}

export default App;
