import type { AppConfig } from '../config/config.js';

export type DemoAccount = { key: string; username: string; password: string; description: string };

/** Placeholder until the demo park is written: loads nothing. */
export async function seedDemo(_url: string, _config: AppConfig): Promise<DemoAccount[]> {
  return [];
}
