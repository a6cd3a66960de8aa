import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A sign-in rate-limit counter shared by every server instance (an UNLOGGED table: see the migration). */
@Entity('rate_limit_hit')
export class RateLimitHitEntity {
  /** Route and client IP, as @fastify/rate-limit builds it. */
  @PrimaryColumn({ type: 'varchar', length: 300 })
  key: string;

  @Column({ type: 'int' })
  hits: number;

  @Index('IDX_rate_limit_hit_reset')
  @Column({ type: 'timestamptz', name: 'reset_at' })
  resetAt: Date;
}
