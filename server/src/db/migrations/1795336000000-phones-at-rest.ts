import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PhoneCipher } from '../../common/sensitive-cipher.js';
import { migrationDataKey } from '../migration-keys.js';

/** A plaintext phone column and what replaces it: ciphertext, plus blind index and masked form where they are used. */
type PhoneColumn = { table: string; plain: string; enc: string; hash?: string; masked?: string };

const COLUMNS: PhoneColumn[] = [
  // Searched (member list) and looked up (WeChat binding): the blind index; masked in answers.
  { table: 'member', plain: 'phone', enc: 'phone_enc', hash: 'phone_hash', masked: 'phone_masked' },
  // Written on the transfer letter, shown masked in the transfer's answer.
  { table: 'transfer', plain: 'member_phone', enc: 'member_phone_enc', masked: 'member_phone_masked' },
  // Carried over to the member record when the applicant is admitted; never answered.
  { table: 'development_record', plain: 'phone', enc: 'phone_enc' },
];

const BATCH = 1000;

/**
 * M4: phone numbers at rest like national IDs. Existing plaintext numbers are encrypted in batches
 * here (DATA_KEY lent by migrate(); AES-GCM is not available in SQL), then the plaintext columns
 * are dropped. All in this migration's transaction: a failure leaves the plaintext as it was.
 */
export class PhonesAtRest1795336000000 implements MigrationInterface {
  name = 'PhonesAtRest1795336000000';

  async up(q: QueryRunner): Promise<void> {
    for (const c of COLUMNS) {
      const added = [`ADD "${c.enc}" text`];
      if (c.hash) added.push(`ADD "${c.hash}" character(64)`);
      if (c.masked) added.push(`ADD "${c.masked}" character varying(11)`);
      await q.query(`ALTER TABLE "${c.table}" ${added.join(', ')}`);
      let cipher: PhoneCipher | undefined;
      await eachBatch(q, c.table, c.plain, async (rows) => {
        cipher ??= new PhoneCipher(migrationDataKey(q.connection));
        const sealed = rows.map((r) => cipher!.seal(r.value));
        await q.query(
          `UPDATE "${c.table}" t SET "${c.enc}" = v.enc${c.hash ? `, "${c.hash}" = v.hash` : ''}${c.masked ? `, "${c.masked}" = v.masked` : ''}
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS v(id, enc, hash, masked) WHERE t.id = v.id`,
          [rows.map((r) => r.id), sealed.map((s) => s.phoneEnc), sealed.map((s) => s.phoneHash), sealed.map((s) => s.phoneMasked)],
        );
      });
    }
    // An issued letter keeps what it printed: from now on the masked phone (the PDF opens the transfer's ciphertext for the sending side).
    await q.query(
      `UPDATE transfer_letter SET fields = (fields - 'memberPhone') || jsonb_build_object('memberPhoneMasked',
         CASE WHEN fields->>'memberPhone' ~ '^[0-9]{11}$' THEN left(fields->>'memberPhone', 3) || '****' || right(fields->>'memberPhone', 4) ELSE '' END)
        WHERE fields ? 'memberPhone'`,
    );
    await q.query(`DROP INDEX "IDX_member_phone"`);
    await q.query(`CREATE INDEX "IDX_member_phone_hash" ON "member" ("phone_hash")`);
    for (const c of COLUMNS) await q.query(`ALTER TABLE "${c.table}" DROP COLUMN "${c.plain}"`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of COLUMNS) {
      await q.query(`ALTER TABLE "${c.table}" ADD "${c.plain}" character varying(11)`);
      let cipher: PhoneCipher | undefined;
      await eachBatch(q, c.table, c.enc, async (rows) => {
        cipher ??= new PhoneCipher(migrationDataKey(q.connection));
        await q.query(`UPDATE "${c.table}" t SET "${c.plain}" = v.plain FROM unnest($1::uuid[], $2::text[]) AS v(id, plain) WHERE t.id = v.id`, [
          rows.map((r) => r.id),
          rows.map((r) => cipher!.decrypt(r.value)),
        ]);
      });
      await q.query(`ALTER TABLE "${c.table}" ${[c.enc, c.hash, c.masked].flatMap((col) => (col ? [`DROP COLUMN "${col}"`] : [])).join(', ')}`);
    }
    await q.query(`CREATE INDEX "IDX_member_phone" ON "member" ("phone")`);
    await q.query(
      `UPDATE transfer_letter l SET fields = (l.fields - 'memberPhoneMasked') || jsonb_build_object('memberPhone', coalesce(t.member_phone, ''))
         FROM transfer t WHERE t.id = l.transfer_id AND l.fields ? 'memberPhoneMasked'`,
    );
  }
}

/** Rows with a value in `column`, a batch at a time in id order (a large roll never sits in memory at once). */
async function eachBatch(q: QueryRunner, table: string, column: string, fn: (rows: Array<{ id: string; value: string }>) => Promise<void>) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: Array<{ id: string; value: string }> = await q.query(
      `SELECT id, "${column}" AS value FROM "${table}" WHERE "${column}" IS NOT NULL AND id > $1 ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    if (!rows.length) return;
    await fn(rows);
    after = rows[rows.length - 1]!.id;
  }
}
