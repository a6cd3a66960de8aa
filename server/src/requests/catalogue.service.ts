import { Injectable } from '@nestjs/common';
import {
  bookingProblem,
  CATALOGUE_KIND_LABEL,
  type BookingListQuery,
  type CancelBookingDto,
  type Catalogue,
  type CatalogueItem,
  type CreateBookingDto,
  type RoomBooking,
  type RoomBookingList,
  type SaveCatalogueItemDto,
  type SaveRoomDto,
  type ServiceRoom,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { CatalogueRepository, type BookingRow, type CatalogueRow, type RoomRow } from './catalogue.repository.js';
import { RequestErrors } from './requests.errors.js';
import { RequestsRepository } from './requests.repository.js';
import { RequestsService } from './requests.service.js';

const driverCode = (err: unknown) => {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  return e.driverError ?? e;
};

const itemView = (i: CatalogueRow): CatalogueItem => ({ ...i, kindLabel: CATALOGUE_KIND_LABEL[i.kind], updatedAt: i.updatedAt.toISOString() });
const roomView = ({ committeePath: _, ...r }: RoomRow): ServiceRoom => r;

/**
 * The committee's service catalogue (政策, 红色服务通道) and the 党群服务中心's rooms. Who may read and
 * book: the committee's members (formal relationship in its subtree), its enterprise contacts, and its
 * request managers; keeping the catalogue and rooms needs request.manage. No double booking: the
 * exclusion constraint decides between two people taking one slot at once.
 */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly repo: CatalogueRepository,
    private readonly requests: RequestsRepository,
    private readonly requestsService: RequestsService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** May the caller use the committee's services? Returns whether they also keep them. */
  private async mayUse(auth: AuthContext, committeeId: string): Promise<{ path: string; name: string; canManage: boolean }> {
    const org = await this.requests.org(committeeId);
    if (!org || org.kind !== 'committee') throw notFound('党委');
    const canManage = this.access.can(auth, 'request.manage', org.path);
    const member = auth.memberOrg !== null && isWithin(auth.memberOrg.path, org.path);
    const contact = !member && !canManage && (await this.requests.liveContactsOf(auth.userId)).some((c) => c.committeeId === committeeId);
    if (!canManage && !member && !contact) throw forbidden();
    return { path: org.path, name: org.name, canManage };
  }

  async catalogue(auth: AuthContext, committeeId: string): Promise<Catalogue> {
    const c = await this.mayUse(auth, committeeId);
    const [items, rooms] = await Promise.all([this.repo.items(committeeId, !c.canManage), this.repo.rooms(committeeId)]);
    return {
      committee: { id: committeeId, name: c.name },
      items: items.map(itemView),
      rooms: rooms.filter((r) => c.canManage || r.active).map(roomView),
      canManage: c.canManage,
    };
  }

  async saveItem(auth: AuthContext, id: string | null, dto: SaveCatalogueItemDto): Promise<CatalogueItem> {
    const committee = await this.requestsService.requireCommittee(auth, dto.committeeId);
    if (id && (await this.repo.item(id))?.committeeId !== dto.committeeId) throw notFound('服务事项');
    const saved = await this.repo.transaction(async (tx) => {
      const itemId = await this.repo.saveItem(tx, id, dto);
      await this.audit.record(
        auth,
        {
          action: id ? 'service_catalogue.update' : 'service_catalogue.create',
          objectType: 'service_catalogue_item',
          objectId: itemId,
          orgPath: committee.path,
          details: { kind: dto.kind, title: dto.title, published: dto.published },
        },
        tx,
      );
      return itemId;
    });
    return itemView((await this.repo.item(saved))!);
  }

  async saveRoom(auth: AuthContext, id: string | null, dto: SaveRoomDto): Promise<ServiceRoom> {
    const committee = await this.requestsService.requireCommittee(auth, dto.committeeId);
    if (id && (await this.repo.room(id))?.committeeId !== dto.committeeId) throw notFound('会议室');
    const saved = await this.repo.transaction(async (tx) => {
      let roomId: string;
      try {
        roomId = await this.repo.saveRoom(tx, id, dto);
      } catch (err) {
        const d = driverCode(err);
        if (d.code === '23505' && d.constraint === 'UQ_service_room_name') throw RequestErrors.roomExists();
        throw err;
      }
      await this.audit.record(
        auth,
        { action: id ? 'service_room.update' : 'service_room.create', objectType: 'service_room', objectId: roomId, orgPath: committee.path, details: dto },
        tx,
      );
      return roomId;
    });
    return roomView((await this.repo.room(saved))!);
  }

  private bookingView(auth: AuthContext, b: BookingRow): RoomBooking {
    return {
      id: b.id,
      roomId: b.roomId,
      roomName: b.roomName,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      purpose: b.purpose,
      bookedBy: { userId: b.bookedBy, name: b.bookerName },
      cancelledAt: b.cancelledAt?.toISOString() ?? null,
      cancelReason: b.cancelReason,
      canCancel:
        b.cancelledAt === null &&
        b.endsAt.getTime() > this.clock.nowMs() &&
        (b.bookedBy === auth.userId || this.access.can(auth, 'request.manage', b.committeePath)),
    };
  }

  /** A room's bookings of one day (China time), the cancelled ones included (S3: kept with their reason). */
  async bookings(auth: AuthContext, q: BookingListQuery): Promise<RoomBookingList> {
    const room = await this.repo.room(q.roomId);
    if (!room) throw notFound('会议室');
    await this.mayUse(auth, room.committeeId);
    const from = new Date(`${q.day}T00:00:00+08:00`);
    const to = new Date(from.getTime() + 86_400_000);
    return { items: (await this.repo.bookings(room.id, from, to)).map((b) => this.bookingView(auth, b)) };
  }

  async book(auth: AuthContext, dto: CreateBookingDto): Promise<RoomBooking> {
    const room = await this.repo.room(dto.roomId);
    if (!room) throw notFound('会议室');
    await this.mayUse(auth, room.committeeId);
    if (!room.active) throw RequestErrors.bookingInvalid('该会议室暂停预约');
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    const problem = bookingProblem(startsAt, endsAt, this.clock.now());
    if (problem) throw RequestErrors.bookingInvalid(problem);
    const id = await this.repo.transaction(async (tx) => {
      let bookingId: string;
      try {
        bookingId = await this.repo.insertBooking(tx, { roomId: room.id, startsAt, endsAt, purpose: dto.purpose, bookedBy: auth.userId });
      } catch (err) {
        const d = driverCode(err);
        // 23P01 exclusion_violation: another live booking overlaps (decided by the database, also between concurrent requests).
        if (d.code === '23P01' && d.constraint === 'EX_room_booking_overlap') throw RequestErrors.slotTaken();
        throw err;
      }
      await this.audit.record(
        auth,
        {
          action: 'room_booking.create',
          objectType: 'room_booking',
          objectId: bookingId,
          orgPath: room.committeePath,
          details: { roomId: room.id, startsAt: dto.startsAt, endsAt: dto.endsAt },
        },
        tx,
      );
      return bookingId;
    });
    return this.bookingView(auth, (await this.repo.booking(id))!);
  }

  /** The booker or a request manager cancels; the row stays with its reason and frees the slot. */
  async cancel(auth: AuthContext, id: string, dto: CancelBookingDto): Promise<RoomBooking> {
    await this.repo.transaction(async (tx) => {
      const b = await this.repo.booking(id, tx, true);
      if (!b) throw notFound('预约');
      if (b.bookedBy !== auth.userId) this.access.assert(auth, 'request.manage', b.committeePath);
      if (b.cancelledAt) throw RequestErrors.bookingCancelled();
      await this.repo.cancelBooking(tx, id, this.clock.now(), dto.reason);
      await this.audit.record(
        auth,
        { action: 'room_booking.cancel', objectType: 'room_booking', objectId: id, orgPath: b.committeePath, details: { reason: dto.reason } },
        tx,
      );
    });
    return this.bookingView(auth, (await this.repo.booking(id))!);
  }
}
