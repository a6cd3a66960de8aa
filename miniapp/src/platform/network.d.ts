/**
 * Calls `cb` whenever the device gets its network back; returns the unsubscribe.
 * weapp: Taro.onNetworkStatusChange; H5: the window's `online` event.
 */
export declare function onNetworkBack(cb: () => void): () => void;
