export type LauncherRequest = {
  dataDir: string;
  database: string;
  /** false: the data directory is deleted when PostgreSQL stops (tests). */
  persistent: boolean;
  /** fsync off and friends: only for throwaway test clusters. */
  fast?: boolean;
  maxConnections?: number;
  /** Listen on this port (a restart keeps its URL); default: a free one. */
  port?: number;
};

export type LauncherMessage = { type: 'ready'; url: string; port: number } | { type: 'failed'; reason: string; log: string[] };
