import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CatalogueKind } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

export type CatalogueRow = {
  id: string;
  committeeId: string;
  kind: CatalogueKind;
  title: string;
  body: string;
  contact: string | null;
  published: boolean;
  updatedAt: Date;
};
export type RoomRow = { id: string; committeeId: string; committeePath: string; name: string; location: string; capacity: number; active: boolean };
export type BookingRow = {
  id: string;
  roomId: string;
  roomName: string;
  committeePath: string;
  startsAt: Date;
  endsAt: Date;
  purpose: string;
  bookedBy: string;
  bookerName: string;
  cancelledAt: Date | null;
  cancelReason: string | null;
};

const ITEM = `SELECT id, committee_id AS "committeeId", kind, title, body, contact, published, updated_at AS "updatedAt" FROM service_catalogue_item`;
const ROOM = `SELECT r.id, r.committee_id AS "committeeId", c.path::text AS "committeePath", r.name, r.location, r.capacity, r.active
  FROM service_room r JOIN organisation c ON c.id = r.committee_id`;
const BOOKING = `SELECT b.id, b.room_id AS "roomId", r.name AS "roomName", c.path::text AS "committeePath", lower(b.during) AS "startsAt", upper(b.during) AS "endsAt",
       b.purpose, b.booked_by AS "bookedBy", u.display_name AS "bookerName", b.cancelled_at AS "cancelledAt", b.cancel_reason AS "cancelReason"
  FROM room_booking b JOIN service_room r ON r.id = b.room_id JOIN organisation c ON c.id = r.committee_id JOIN user_account u ON u.id = b.booked_by`;

/** The service catalogue, rooms and bookings. */
@Injectable()
export class CatalogueRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async items(committeeId: string, publishedOnly: boolean): Promise<CatalogueRow[]> {
    return this.db.query(`${ITEM} WHERE committee_id = $1 ${publishedOnly ? 'AND published' : ''} ORDER BY kind DESC, updated_at DESC LIMIT 200`, [
      committeeId,
    ]);
  }

  async item(id: string): Promise<CatalogueRow | null> {
    const rows: CatalogueRow[] = await this.db.query(`${ITEM} WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async saveItem(em: EntityManager, id: string | null, i: Omit<CatalogueRow, 'id' | 'updatedAt'>): Promise<string> {
    const args = [i.committeeId, i.kind, i.title, i.body, i.contact, i.published];
    if (id) {
      await em.query(
        `UPDATE service_catalogue_item SET kind = $3, title = $4, body = $5, contact = $6, published = $7, updated_at = now() WHERE id = $1 AND committee_id = $2`,
        [id, ...args],
      );
      return id;
    }
    const [r] = await em.query<Array<{ id: string }>>(
      `INSERT INTO service_catalogue_item (committee_id, kind, title, body, contact, published) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      args,
    );
    return r!.id;
  }

  async rooms(committeeId: string): Promise<RoomRow[]> {
    return this.db.query(`${ROOM} WHERE r.committee_id = $1 ORDER BY r.active DESC, r.name`, [committeeId]);
  }

  async room(id: string): Promise<RoomRow | null> {
    const rows: RoomRow[] = await this.db.query(`${ROOM} WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Throws the unique violation of UQ_service_room_name on a duplicate name. */
  async saveRoom(em: EntityManager, id: string | null, r: Omit<RoomRow, 'id' | 'committeePath'>): Promise<string> {
    const args = [r.committeeId, r.name, r.location, r.capacity, r.active];
    if (id) {
      await em.query(`UPDATE service_room SET name = $3, location = $4, capacity = $5, active = $6, updated_at = now() WHERE id = $1 AND committee_id = $2`, [
        id,
        ...args,
      ]);
      return id;
    }
    const [row] = await em.query<Array<{ id: string }>>(
      `INSERT INTO service_room (committee_id, name, location, capacity, active) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      args,
    );
    return row!.id;
  }

  /** Throws the exclusion violation of EX_room_booking_overlap when a live booking of the room overlaps. */
  async insertBooking(em: EntityManager, b: { roomId: string; startsAt: Date; endsAt: Date; purpose: string; bookedBy: string }): Promise<string> {
    const [r] = await em.query<Array<{ id: string }>>(
      `INSERT INTO room_booking (room_id, during, purpose, booked_by) VALUES ($1, tstzrange($2, $3, '[)'), $4, $5) RETURNING id`,
      [b.roomId, b.startsAt, b.endsAt, b.purpose, b.bookedBy],
    );
    return r!.id;
  }

  async booking(id: string, em: EntityManager = this.db.manager, lock = false): Promise<BookingRow | null> {
    const rows: BookingRow[] = await em.query(`${BOOKING} WHERE b.id = $1${lock ? ' FOR UPDATE OF b' : ''}`, [id]);
    return rows[0] ?? null;
  }

  /** Live and cancelled bookings of a room overlapping [from, to). */
  async bookings(roomId: string, from: Date, to: Date): Promise<BookingRow[]> {
    return this.db.query(`${BOOKING} WHERE b.room_id = $1 AND b.during && tstzrange($2, $3, '[)') ORDER BY lower(b.during), b.cancelled_at NULLS FIRST`, [
      roomId,
      from,
      to,
    ]);
  }

  async cancelBooking(em: EntityManager, id: string, at: Date, reason: string | null): Promise<void> {
    await em.query(`UPDATE room_booking SET cancelled_at = $2, cancel_reason = $3, updated_at = now() WHERE id = $1 AND cancelled_at IS NULL`, [
      id,
      at,
      reason,
    ]);
  }
}
