import type { DocumentViewerProps } from './document-viewer.types';

/**
 * Shows a PDF lesson. H5: embedded in the page (the signed URL in an iframe) with a link to open it in a
 * tab. weapp: a button that downloads it and opens WeChat's document viewer (Taro.downloadFile +
 * openDocument); `onViewing(true)` while the viewer covers the page, so the time it is open still counts.
 */
export declare function DocumentViewer(props: DocumentViewerProps): JSX.Element;
