import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What the access check resolves objects to: organisation paths. */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async orgPath(orgId: string): Promise<string | undefined> {
    const rows: Array<{ path: string }> = await this.db.query('SELECT path::text AS path FROM organisation WHERE id = $1', [orgId]);
    return rows[0]?.path;
  }

  /** The member's organisation path and, when placed in a 党小组, the group's. */
  async memberPaths(memberId: string): Promise<{ path: string; group_path: string | null } | undefined> {
    const rows: Array<{ path: string; group_path: string | null }> = await this.db.query(
      `SELECT m.org_path::text AS path, g.path::text AS group_path
         FROM member m LEFT JOIN organisation g ON g.id = m.group_id WHERE m.id = $1`,
      [memberId],
    );
    return rows[0];
  }
}
