/**
 * Opens an address outside the app. H5: a new browser tab. weapp (no browser): a spreadsheet or a PDF
 * (a transfer letter) opens in WeChat's document viewer; any other page's address is copied for a
 * computer's browser.
 */
export declare function openExternal(url: string, kind: 'page' | 'spreadsheet' | 'pdf'): Promise<void>;
