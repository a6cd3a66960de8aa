import { z } from 'zod';
import { UuidSchema } from './common.js';

/*
 * The committee's service catalogue (issue 18): policies, 红色服务通道 (a named channel with a contact),
 * and meeting rooms of the 党群服务中心 that members and enterprise contacts book. A room has no double
 * booking: a PostgreSQL exclusion constraint refuses an overlapping live booking.
 */

export const CATALOGUE_KINDS = ['policy', 'channel'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];
export const CATALOGUE_KIND_LABEL: Record<CatalogueKind, string> = { policy: '政策', channel: '红色服务通道' };

export const SaveCatalogueItemSchema = z
  .object({
    committeeId: UuidSchema,
    kind: z.enum(CATALOGUE_KINDS),
    title: z.string().trim().min(2).max(60),
    body: z.string().trim().max(4000).default(''),
    /** Who to call (name and phone, an office), shown as typed. */
    contact: z.string().trim().max(100).nullable().default(null),
    published: z.boolean().default(true),
  })
  .meta({ id: 'SaveCatalogueItem' });
export type SaveCatalogueItemDto = z.infer<typeof SaveCatalogueItemSchema>;

export const CatalogueItemSchema = z
  .object({
    id: UuidSchema,
    committeeId: UuidSchema,
    kind: z.enum(CATALOGUE_KINDS),
    kindLabel: z.string(),
    title: z.string(),
    body: z.string(),
    contact: z.string().nullable(),
    published: z.boolean(),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'CatalogueItem' });
export type CatalogueItem = z.infer<typeof CatalogueItemSchema>;

export const SaveRoomSchema = z
  .object({
    committeeId: UuidSchema,
    name: z.string().trim().min(2).max(40),
    location: z.string().trim().max(100).default(''),
    capacity: z.number().int().min(1).max(1000),
    active: z.boolean().default(true),
  })
  .meta({ id: 'SaveServiceRoom' });
export type SaveRoomDto = z.infer<typeof SaveRoomSchema>;

export const ServiceRoomSchema = z
  .object({ id: UuidSchema, committeeId: UuidSchema, name: z.string(), location: z.string(), capacity: z.number().int(), active: z.boolean() })
  .meta({ id: 'ServiceRoom' });
export type ServiceRoom = z.infer<typeof ServiceRoomSchema>;

export const CatalogueSchema = z
  .object({
    committee: z.object({ id: UuidSchema, name: z.string() }),
    items: z.array(CatalogueItemSchema),
    rooms: z.array(ServiceRoomSchema),
    canManage: z.boolean(),
  })
  .meta({ id: 'ServiceCatalogue' });
export type Catalogue = z.infer<typeof CatalogueSchema>;

/** Bookings are in whole half hours between 08:00 and 22:00 China time, at most 8 hours. */
export const BOOKING_LIMITS = { stepMinutes: 30, maxHours: 8, openHour: 8, closeHour: 22, maxDaysAhead: 60 } as const;

export const CreateBookingSchema = z
  .object({
    roomId: UuidSchema,
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    purpose: z.string().trim().min(2, { message: '请填写用途' }).max(100),
  })
  .refine((b) => new Date(b.endsAt).getTime() > new Date(b.startsAt).getTime(), { message: '结束时间应晚于开始时间', path: ['endsAt'] })
  .meta({ id: 'CreateRoomBooking' });
export type CreateBookingDto = z.infer<typeof CreateBookingSchema>;

export const CancelBookingSchema = z.object({ reason: z.string().trim().max(200).nullable().default(null) }).meta({ id: 'CancelRoomBooking' });
export type CancelBookingDto = z.infer<typeof CancelBookingSchema>;

export const RoomBookingSchema = z
  .object({
    id: UuidSchema,
    roomId: UuidSchema,
    roomName: z.string(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    purpose: z.string(),
    bookedBy: z.object({ userId: UuidSchema, name: z.string() }),
    cancelledAt: z.iso.datetime({ offset: true }).nullable(),
    cancelReason: z.string().nullable(),
    canCancel: z.boolean(),
  })
  .meta({ id: 'RoomBooking' });
export type RoomBooking = z.infer<typeof RoomBookingSchema>;

export const BookingListQuerySchema = z.object({ roomId: UuidSchema, day: z.iso.date() }).meta({ id: 'RoomBookingListQuery' });
export type BookingListQuery = z.infer<typeof BookingListQuerySchema>;
export const RoomBookingListSchema = z.object({ items: z.array(RoomBookingSchema) }).meta({ id: 'RoomBookingList' });
export type RoomBookingList = z.infer<typeof RoomBookingListSchema>;

/** Whole half hours inside opening hours, not in the past, not too far ahead, not too long. Returns a Chinese message or null. */
export function bookingProblem(startsAt: Date, endsAt: Date, now: Date): string | null {
  const step = BOOKING_LIMITS.stepMinutes * 60_000;
  if (startsAt.getTime() % step !== 0 || endsAt.getTime() % step !== 0) return `请按 ${BOOKING_LIMITS.stepMinutes} 分钟为单位预约`;
  if (startsAt.getTime() < now.getTime()) return '不能预约已经过去的时间';
  if (startsAt.getTime() - now.getTime() > BOOKING_LIMITS.maxDaysAhead * 86_400_000) return `最多提前 ${BOOKING_LIMITS.maxDaysAhead} 天预约`;
  if (endsAt.getTime() - startsAt.getTime() > BOOKING_LIMITS.maxHours * 3_600_000) return `单次预约不超过 ${BOOKING_LIMITS.maxHours} 小时`;
  // China time has no daylight saving: local minutes are UTC + 8 h.
  const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000);
  const day = (d: Date) => local(d).toISOString().slice(0, 10);
  const minutes = (d: Date) => local(d).getUTCHours() * 60 + local(d).getUTCMinutes();
  const open = BOOKING_LIMITS.openHour * 60;
  const close = BOOKING_LIMITS.closeHour * 60;
  if (day(startsAt) !== day(endsAt) || minutes(startsAt) < open || minutes(endsAt) > close)
    return `开放时间为每天 ${BOOKING_LIMITS.openHour}:00–${BOOKING_LIMITS.closeHour}:00`;
  return null;
}
