export function onNetworkBack(cb: () => void): () => void {
  window.addEventListener('online', cb);
  return () => window.removeEventListener('online', cb);
}
