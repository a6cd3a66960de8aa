import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A once-per-period job's run that is done (the monthly fee billing): shared by every instance, unlike a flag in memory. */
@Entity('job_run')
export class JobRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  job: string;

  /** The period the run covered, e.g. `2026-12`. */
  @PrimaryColumn({ type: 'varchar', length: 20 })
  period: string;

  @Column({ type: 'timestamptz', name: 'done_at', default: () => 'now()' })
  doneAt: Date;

  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;
}
