export type DocumentViewerProps = { url: string; title: string; onViewing: (viewing: boolean) => void };
