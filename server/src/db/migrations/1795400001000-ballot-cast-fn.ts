import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E6's cast as one PL/pgSQL function (issue 12): the same single statement as before — a key-share
 * lock on the box row, the roll and presence checks, the "has voted" mark and the ballot, stored only
 * if the mark was — so still atomic and still one round trip, but its plan is now kept per connection
 * instead of being made again for every ballot (the lesson of the study heartbeat's read: a join
 * planned on every call can cost more than a round trip). A receipt already drawn in the box still
 * fails the call with a unique violation on UQ_ballot_receipt.
 */
export class BallotCastFn1795400001000 implements MigrationInterface {
  name = 'BallotCastFn1795400001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ballot_cast(p_box uuid, p_member uuid, p_receipt text, p_content jsonb)
      RETURNS TABLE (state varchar, "onRoll" boolean, present boolean, marked boolean)
      LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        RETURN QUERY
          WITH g AS (
            SELECT b.state,
                   EXISTS (SELECT 1 FROM ballot_box_roll r WHERE r.box_id = b.id AND r.member_id = p_member) AS on_roll,
                   EXISTS (SELECT 1 FROM meeting_checkin c WHERE c.meeting_id = b.meeting_id AND c.member_id = p_member AND c.status = 'confirmed') AS is_present
              FROM ballot_box b WHERE b.id = p_box FOR KEY SHARE OF b
          ), v AS (
            INSERT INTO ballot_box_voter (box_id, member_id)
            SELECT p_box, p_member FROM g WHERE g.state = 'open' AND g.on_roll AND g.is_present
            ON CONFLICT DO NOTHING RETURNING 1
          ), x AS (
            INSERT INTO ballot (box_id, receipt, content) SELECT p_box, p_receipt, p_content FROM v RETURNING 1
          )
          SELECT g.state::varchar, g.on_roll, g.is_present, EXISTS (SELECT 1 FROM x) FROM g;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ballot_cast(uuid, uuid, text, jsonb)`);
  }
}
