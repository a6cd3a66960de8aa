import type { MigrationInterface, QueryRunner } from 'typeorm';

/** P1: the member's own photo on the card (a stored file; the file row's removal clears it). */
export class CardPhoto1795370001000 implements MigrationInterface {
  name = 'CardPhoto1795370001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member_card" ADD "photo_file_id" uuid`);
    await q.query(
      `ALTER TABLE "member_card" ADD CONSTRAINT "FK_member_card_photo" FOREIGN KEY ("photo_file_id") REFERENCES "stored_file"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member_card" DROP CONSTRAINT "FK_member_card_photo"`);
    await q.query(`ALTER TABLE "member_card" DROP COLUMN "photo_file_id"`);
  }
}
