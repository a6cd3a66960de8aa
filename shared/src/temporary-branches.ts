import { z } from 'zod';
import { DateOnlySchema, UuidSchema } from './common.js';

/*
 * Temporary branches (临时党支部 / 战时党支部, issue 18, S4): a committee sets one up for a project
 * with an end date; members are seconded to it without their formal relationship moving (M2: fees and
 * transfers stay with their own branch) and take part in its meetings and check-ins as guests (C4); it
 * cannot admit or confirm members (O7); at its end date it is dissolved, its records kept.
 */

export const CreateTemporaryBranchSchema = z
  .object({
    parentId: UuidSchema,
    name: z.string().trim().min(2).max(60),
    project: z.string().trim().min(2).max(100),
    kind: z.enum(['temporary', 'wartime']).default('temporary'),
    startsOn: DateOnlySchema,
    endsOn: DateOnlySchema,
  })
  .refine((b) => b.endsOn >= b.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] })
  .meta({ id: 'CreateTemporaryBranch' });
export type CreateTemporaryBranchDto = z.infer<typeof CreateTemporaryBranchSchema>;

export const TEMPORARY_KIND_LABEL = { temporary: '临时党支部', wartime: '战时党支部' } as const;

export const SecondmentSchema = z.object({
  id: UuidSchema,
  memberId: UuidSchema,
  memberName: z.string(),
  /** The formal branch, which keeps the member's relationship, fees and transfers (M2). */
  formalOrgName: z.string(),
  startedOn: DateOnlySchema,
  endedOn: DateOnlySchema.nullable(),
});
export type Secondment = z.infer<typeof SecondmentSchema>;

export const TemporaryBranchSchema = z
  .object({
    orgId: UuidSchema,
    name: z.string(),
    parent: z.object({ id: UuidSchema, name: z.string() }),
    project: z.string(),
    kind: z.enum(['temporary', 'wartime']),
    kindLabel: z.string(),
    startsOn: DateOnlySchema,
    endsOn: DateOnlySchema,
    dissolvedAt: z.iso.datetime({ offset: true }).nullable(),
    active: z.boolean(),
    secondments: z.array(SecondmentSchema),
  })
  .meta({ id: 'TemporaryBranch' });
export type TemporaryBranch = z.infer<typeof TemporaryBranchSchema>;

export const TemporaryBranchListSchema = z.object({ items: z.array(TemporaryBranchSchema) }).meta({ id: 'TemporaryBranchList' });
export type TemporaryBranchList = z.infer<typeof TemporaryBranchListSchema>;

export const TemporaryBranchListQuerySchema = z.object({ orgId: UuidSchema }).meta({ id: 'TemporaryBranchListQuery' });
export type TemporaryBranchListQuery = z.infer<typeof TemporaryBranchListQuerySchema>;

export const SecondMembersSchema = z.object({ memberIds: z.array(UuidSchema).min(1).max(200) }).meta({ id: 'SecondMembers' });
export type SecondMembersDto = z.infer<typeof SecondMembersSchema>;

export const DissolveResultSchema = z.object({ dissolved: z.number().int() }).meta({ id: 'TemporaryBranchDissolveResult' });
export type DissolveResult = z.infer<typeof DissolveResultSchema>;
