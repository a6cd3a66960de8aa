export function onAppVisibility(cb: (visible: boolean) => void): () => void {
  const listener = () => cb(document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}
