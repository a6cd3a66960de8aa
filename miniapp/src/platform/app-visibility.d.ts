/**
 * Calls `cb(false)` when the app goes to the background (or the browser tab is hidden) and `cb(true)`
 * when it comes back; returns the unsubscribe. weapp: Taro.onAppHide/onAppShow; H5: document visibilitychange.
 */
export declare function onAppVisibility(cb: (visible: boolean) => void): () => void;
