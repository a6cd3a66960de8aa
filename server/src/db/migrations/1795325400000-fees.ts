import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Party fees (F1–F7): standards, bills, per-organisation monthly aggregates, payments and the bills
 * they cover, 代缴 agreements, reliefs (F7) and handled WeChat Pay notifications. Table DDL generated
 * by TypeORM from the entities (the schema-drift test keeps them equal). Rules the database keeps:
 * one bill per member and month (idempotent generation), one active proxy agreement per pair,
 * unique out_trade_no / transaction_id / receipt numbers; aggregates follow bills in the same
 * statement (triggers below).
 */
export class Fees1795325400000 implements MigrationInterface {
  name = 'Fees1795325400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "fee_standard" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "member_id" uuid NOT NULL, "year" integer NOT NULL, "effective_month" date NOT NULL, "category" character varying(20) NOT NULL, "base_fen" bigint, "farmer_amount_fen" bigint, "voluntary_monthly_fen" bigint, "standard_fen" bigint NOT NULL, "monthly_fee_fen" bigint NOT NULL, "rule" character varying(20) NOT NULL, "computation" jsonb NOT NULL, "note" text, "recorded_by" uuid, "recorded_by_name" character varying(50), CONSTRAINT "CHK_fee_standard_month" CHECK (EXTRACT(day FROM effective_month) = 1 AND EXTRACT(year FROM effective_month) = year), CONSTRAINT "CHK_fee_standard_category" CHECK (category IN ('salaried','retiree','student','unemployed','relief','farmer')), CONSTRAINT "PK_c8627dcf455b319d952b76ddd7c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_fee_standard_member_month" ON "fee_standard"  ("member_id", "effective_month") `);
    await q.query(
      `CREATE TABLE "fee_bill" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "member_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "month" date NOT NULL, "category" character varying(20) NOT NULL, "rule" character varying(20) NOT NULL, "base_fen" bigint, "standard_fen" bigint NOT NULL, "amount_due_fen" bigint NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'unpaid', "paid_at" TIMESTAMP WITH TIME ZONE, "payment_id" uuid, "relief_id" uuid, CONSTRAINT "CHK_fee_bill_month" CHECK (EXTRACT(day FROM month) = 1), CONSTRAINT "CHK_fee_bill_amounts" CHECK (amount_due_fen >= 0 AND standard_fen >= 0), CONSTRAINT "CHK_fee_bill_status" CHECK (status IN ('unpaid','paid','reduced','exempt')), CONSTRAINT "PK_bb76cf27f52d9bcf4f5cf57b930" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_fee_bill_unpaid" ON "fee_bill"  ("organisation_id", "month") WHERE status = 'unpaid'`);
    await q.query(`CREATE INDEX "IDX_fee_bill_org_month" ON "fee_bill"  ("organisation_id", "month") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_fee_bill_member_month" ON "fee_bill"  ("member_id", "month") `);
    await q.query(
      `CREATE TABLE "fee_org_month" ("organisation_id" uuid NOT NULL, "month" date NOT NULL, "bills" integer NOT NULL DEFAULT '0', "due_fen" bigint NOT NULL DEFAULT '0', "paid_fen" bigint NOT NULL DEFAULT '0', "settled" integer NOT NULL DEFAULT '0', "paid" integer NOT NULL DEFAULT '0', "reduced" integer NOT NULL DEFAULT '0', "exempt" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_f2fb5ff70608d7af9edf9c802d0" PRIMARY KEY ("organisation_id", "month"))`,
    );
    await q.query(
      `CREATE TABLE "fee_proxy_agreement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "member_id" uuid NOT NULL, "payer_member_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "decided_on" date NOT NULL, "note" text NOT NULL, "recorded_by" uuid, "recorded_by_name" character varying(50), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_8b0b10d4df7b269cebb53a4521d" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_fee_proxy_agreement_org" ON "fee_proxy_agreement"  ("organisation_id") `);
    await q.query(`CREATE INDEX "IDX_fee_proxy_agreement_payer" ON "fee_proxy_agreement"  ("payer_member_id") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_fee_proxy_agreement_active" ON "fee_proxy_agreement"  ("member_id", "payer_member_id") WHERE revoked_at IS NULL`);
    await q.query(
      `CREATE TABLE "fee_payment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "receipt_no" character varying(20), "kind" character varying(10) NOT NULL, "member_id" uuid NOT NULL, "payer_member_id" uuid, "proxy_agreement_id" uuid, "organisation_id" uuid NOT NULL, "method" character varying(10) NOT NULL, "status" character varying(12) NOT NULL, "amount_fen" bigint NOT NULL, "voluntary_fen" bigint NOT NULL DEFAULT '0', "large" boolean NOT NULL DEFAULT false, "forward_org_id" uuid, "forward_ack_at" TIMESTAMP WITH TIME ZONE, "forward_ack_by_name" character varying(50), "forward_ack_note" text, "paid_at" TIMESTAMP WITH TIME ZONE, "recorded_by" uuid, "recorded_by_name" character varying(50), "note" text, "out_trade_no" character varying(32), "transaction_id" character varying(64), "problem" text, CONSTRAINT "CHK_fee_payment_amount" CHECK (amount_fen >= 0 AND voluntary_fen >= 0), CONSTRAINT "CHK_fee_payment_kind" CHECK (kind IN ('bills','voluntary')), CONSTRAINT "CHK_fee_payment_method" CHECK (method IN ('cash','transfer','wechat','demo')), CONSTRAINT "CHK_fee_payment_status" CHECK (status IN ('pending','paid','failed','refund_due')), CONSTRAINT "PK_04a477e9910932c09e80e282d36" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_fee_payment_receipt" ON "fee_payment"  ("receipt_no") `);
    await q.query(`CREATE INDEX "IDX_fee_payment_member" ON "fee_payment"  ("member_id") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_fee_payment_out_trade_no" ON "fee_payment"  ("out_trade_no") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_fee_payment_transaction" ON "fee_payment"  ("transaction_id") `);
    await q.query(`CREATE INDEX "IDX_fee_payment_forward" ON "fee_payment"  ("forward_org_id") WHERE large`);
    await q.query(`CREATE INDEX "IDX_fee_payment_org_created" ON "fee_payment"  ("organisation_id", "created_at") `);
    await q.query(
      `CREATE TABLE "fee_payment_bill" ("payment_id" uuid NOT NULL, "bill_id" uuid NOT NULL, CONSTRAINT "PK_4b6fc2e8ce5aa927bd772c2965a" PRIMARY KEY ("payment_id", "bill_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_fee_payment_bill_bill" ON "fee_payment_bill"  ("bill_id") `);
    await q.query(
      `CREATE TABLE "fee_relief" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "member_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "from_month" date NOT NULL, "to_month" date NOT NULL, "reduced_fen" bigint, "reason" text NOT NULL, "branch_decided_on" date NOT NULL, "branch_decision" text NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'pending', "requested_by" uuid, "requested_by_name" character varying(50), "decided_by" uuid, "decided_by_name" character varying(50), "decided_at" TIMESTAMP WITH TIME ZONE, "deciding_org_id" uuid, "decision_note" text, CONSTRAINT "CHK_fee_relief_months" CHECK (from_month <= to_month AND EXTRACT(day FROM from_month) = 1 AND EXTRACT(day FROM to_month) = 1), CONSTRAINT "CHK_fee_relief_status" CHECK (status IN ('pending','approved','rejected')), CONSTRAINT "CHK_fee_relief_kind" CHECK (kind IN ('reduce','exempt')), CONSTRAINT "PK_09ac6f01103461b3281672d00ba" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_fee_relief_org" ON "fee_relief"  ("organisation_id") `);
    await q.query(`CREATE INDEX "IDX_fee_relief_member" ON "fee_relief"  ("member_id", "from_month") `);
    await q.query(
      `CREATE TABLE "fee_wechat_notification" ("id" character varying(64) NOT NULL, "out_trade_no" character varying(32), "event_type" character varying(40) NOT NULL, "outcome" character varying(20) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_565768bfa823191e819ed452ed5" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `ALTER TABLE "fee_standard" ADD CONSTRAINT "FK_b00256a08eb3bf58ee5d0844c42" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_bill" ADD CONSTRAINT "FK_b146d48401c393db2602d49d908" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_bill" ADD CONSTRAINT "FK_75a2c216a88f6eb7975e57fa1a6" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_bill" ADD CONSTRAINT "FK_186a073d821acf697b59572b1b5" FOREIGN KEY ("payment_id") REFERENCES "fee_payment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_bill" ADD CONSTRAINT "FK_18dd2f5cd49ab620132fd803e60" FOREIGN KEY ("relief_id") REFERENCES "fee_relief"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_org_month" ADD CONSTRAINT "FK_1c654cf6e21de4899b2a421a478" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_proxy_agreement" ADD CONSTRAINT "FK_478605ab960f6f2db7acbef9779" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_proxy_agreement" ADD CONSTRAINT "FK_3b748a7aeb07edcec800abc6d0c" FOREIGN KEY ("payer_member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_proxy_agreement" ADD CONSTRAINT "FK_46cbfe5b7cfe3625b3857be9cab" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_payment" ADD CONSTRAINT "FK_2c4d67a1fc18837fe0d7d756d9c" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_payment" ADD CONSTRAINT "FK_6d1b7fbd2c5ae072784c76223b5" FOREIGN KEY ("payer_member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_payment" ADD CONSTRAINT "FK_28c3caf88b5d91ae7a9a014712a" FOREIGN KEY ("proxy_agreement_id") REFERENCES "fee_proxy_agreement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_payment" ADD CONSTRAINT "FK_de61fa54e6136b234da0747b6ff" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_payment" ADD CONSTRAINT "FK_c13d977d08566d954cb07e4b83d" FOREIGN KEY ("forward_org_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_payment_bill" ADD CONSTRAINT "FK_50df0c7854ace6f35af358e2152" FOREIGN KEY ("payment_id") REFERENCES "fee_payment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_payment_bill" ADD CONSTRAINT "FK_67901974df709e4927ffe8f80d7" FOREIGN KEY ("bill_id") REFERENCES "fee_bill"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_relief" ADD CONSTRAINT "FK_12416338d07c95d68448cd38684" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_relief" ADD CONSTRAINT "FK_ae2a390db892f41e6db27917f32" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_relief" ADD CONSTRAINT "FK_cf23e96c770380083872895ed78" FOREIGN KEY ("deciding_org_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // ---- Hand-written: what TypeORM cannot describe. ----
    // Receipt numbers (收据号) DF<year>-<n>, from one sequence.
    await q.query(`CREATE SEQUENCE fee_receipt_seq`);

    // fee_org_month follows fee_bill in the same statement: per organisation and month, the bills,
    // what is due and paid, and how many are settled. Statement triggers with transition tables
    // fold a million generated bills into ~34,000 upserts; a payment touches one row.
    // One statement for every case: signed rows (+1 new, −1 old) summed per organisation and month,
    // groups whose sums are all zero skipped (an update that changed neither status nor amount).
    const fold = (source: string) => `
          INSERT INTO fee_org_month AS a (organisation_id, month, bills, due_fen, paid_fen, settled, paid, reduced, exempt)
          SELECT organisation_id, month, sum(sg), sum(sg * amount_due_fen),
                 COALESCE(sum(sg * amount_due_fen) FILTER (WHERE status IN ('paid','reduced')), 0),
                 COALESCE(sum(sg) FILTER (WHERE status <> 'unpaid'), 0), COALESCE(sum(sg) FILTER (WHERE status = 'paid'), 0),
                 COALESCE(sum(sg) FILTER (WHERE status = 'reduced'), 0), COALESCE(sum(sg) FILTER (WHERE status = 'exempt'), 0)
            FROM (${source}) d
           GROUP BY organisation_id, month
          HAVING sum(sg) <> 0 OR sum(sg * amount_due_fen) <> 0
              OR COALESCE(sum(sg * amount_due_fen) FILTER (WHERE status IN ('paid','reduced')), 0) <> 0
              OR COALESCE(sum(sg) FILTER (WHERE status = 'paid'), 0) <> 0 OR COALESCE(sum(sg) FILTER (WHERE status = 'reduced'), 0) <> 0
              OR COALESCE(sum(sg) FILTER (WHERE status = 'exempt'), 0) <> 0
          ON CONFLICT (organisation_id, month) DO UPDATE SET
            bills = a.bills + EXCLUDED.bills, due_fen = a.due_fen + EXCLUDED.due_fen, paid_fen = a.paid_fen + EXCLUDED.paid_fen,
            settled = a.settled + EXCLUDED.settled, paid = a.paid + EXCLUDED.paid, reduced = a.reduced + EXCLUDED.reduced, exempt = a.exempt + EXCLUDED.exempt;`;
    const newRows = `SELECT organisation_id, month, amount_due_fen, status, 1 AS sg FROM new_bills`;
    const oldRows = `SELECT organisation_id, month, amount_due_fen, status, -1 AS sg FROM old_bills`;
    await q.query(`
      CREATE FUNCTION fee_org_month_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN${fold(newRows)}
        ELSIF TG_OP = 'UPDATE' THEN${fold(`${newRows} UNION ALL ${oldRows}`)}
        ELSE${fold(oldRows)}
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER fee_org_month_insert AFTER INSERT ON fee_bill REFERENCING NEW TABLE AS new_bills FOR EACH STATEMENT EXECUTE FUNCTION fee_org_month_apply()`,
    );
    await q.query(
      `CREATE TRIGGER fee_org_month_update AFTER UPDATE ON fee_bill REFERENCING OLD TABLE AS old_bills NEW TABLE AS new_bills FOR EACH STATEMENT EXECUTE FUNCTION fee_org_month_apply()`,
    );
    await q.query(
      `CREATE TRIGGER fee_org_month_delete AFTER DELETE ON fee_bill REFERENCING OLD TABLE AS old_bills FOR EACH STATEMENT EXECUTE FUNCTION fee_org_month_apply()`,
    );
    // A bill's organisation and month never change (the aggregates rely on it).
    await q.query(`
      CREATE FUNCTION fee_bill_fixed_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a fee bill keeps its member, organisation and month';
      END $$`);
    await q.query(`CREATE TRIGGER fee_bill_fixed_keys BEFORE UPDATE OF member_id, organisation_id, month ON fee_bill FOR EACH ROW
                   WHEN (OLD.member_id IS DISTINCT FROM NEW.member_id OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id OR OLD.month IS DISTINCT FROM NEW.month)
                   EXECUTE FUNCTION fee_bill_fixed_keys()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS fee_bill_fixed_keys ON fee_bill`);
    await q.query(`DROP TRIGGER IF EXISTS fee_org_month_delete ON fee_bill`);
    await q.query(`DROP TRIGGER IF EXISTS fee_org_month_update ON fee_bill`);
    await q.query(`DROP TRIGGER IF EXISTS fee_org_month_insert ON fee_bill`);
    await q.query(`DROP FUNCTION IF EXISTS fee_bill_fixed_keys, fee_org_month_apply`);
    await q.query(`DROP SEQUENCE IF EXISTS fee_receipt_seq`);
    await q.query(`ALTER TABLE "fee_relief" DROP CONSTRAINT "FK_cf23e96c770380083872895ed78"`);
    await q.query(`ALTER TABLE "fee_relief" DROP CONSTRAINT "FK_ae2a390db892f41e6db27917f32"`);
    await q.query(`ALTER TABLE "fee_relief" DROP CONSTRAINT "FK_12416338d07c95d68448cd38684"`);
    await q.query(`ALTER TABLE "fee_payment_bill" DROP CONSTRAINT "FK_67901974df709e4927ffe8f80d7"`);
    await q.query(`ALTER TABLE "fee_payment_bill" DROP CONSTRAINT "FK_50df0c7854ace6f35af358e2152"`);
    await q.query(`ALTER TABLE "fee_payment" DROP CONSTRAINT "FK_c13d977d08566d954cb07e4b83d"`);
    await q.query(`ALTER TABLE "fee_payment" DROP CONSTRAINT "FK_de61fa54e6136b234da0747b6ff"`);
    await q.query(`ALTER TABLE "fee_payment" DROP CONSTRAINT "FK_28c3caf88b5d91ae7a9a014712a"`);
    await q.query(`ALTER TABLE "fee_payment" DROP CONSTRAINT "FK_6d1b7fbd2c5ae072784c76223b5"`);
    await q.query(`ALTER TABLE "fee_payment" DROP CONSTRAINT "FK_2c4d67a1fc18837fe0d7d756d9c"`);
    await q.query(`ALTER TABLE "fee_proxy_agreement" DROP CONSTRAINT "FK_46cbfe5b7cfe3625b3857be9cab"`);
    await q.query(`ALTER TABLE "fee_proxy_agreement" DROP CONSTRAINT "FK_3b748a7aeb07edcec800abc6d0c"`);
    await q.query(`ALTER TABLE "fee_proxy_agreement" DROP CONSTRAINT "FK_478605ab960f6f2db7acbef9779"`);
    await q.query(`ALTER TABLE "fee_org_month" DROP CONSTRAINT "FK_1c654cf6e21de4899b2a421a478"`);
    await q.query(`ALTER TABLE "fee_bill" DROP CONSTRAINT "FK_18dd2f5cd49ab620132fd803e60"`);
    await q.query(`ALTER TABLE "fee_bill" DROP CONSTRAINT "FK_186a073d821acf697b59572b1b5"`);
    await q.query(`ALTER TABLE "fee_bill" DROP CONSTRAINT "FK_75a2c216a88f6eb7975e57fa1a6"`);
    await q.query(`ALTER TABLE "fee_bill" DROP CONSTRAINT "FK_b146d48401c393db2602d49d908"`);
    await q.query(`ALTER TABLE "fee_standard" DROP CONSTRAINT "FK_b00256a08eb3bf58ee5d0844c42"`);
    await q.query(`DROP TABLE "fee_wechat_notification"`);
    await q.query(`DROP INDEX "public"."IDX_fee_relief_member"`);
    await q.query(`DROP INDEX "public"."IDX_fee_relief_org"`);
    await q.query(`DROP TABLE "fee_relief"`);
    await q.query(`DROP INDEX "public"."IDX_fee_payment_bill_bill"`);
    await q.query(`DROP TABLE "fee_payment_bill"`);
    await q.query(`DROP INDEX "public"."IDX_fee_payment_org_created"`);
    await q.query(`DROP INDEX "public"."IDX_fee_payment_forward"`);
    await q.query(`DROP INDEX "public"."UQ_fee_payment_transaction"`);
    await q.query(`DROP INDEX "public"."UQ_fee_payment_out_trade_no"`);
    await q.query(`DROP INDEX "public"."IDX_fee_payment_member"`);
    await q.query(`DROP INDEX "public"."UQ_fee_payment_receipt"`);
    await q.query(`DROP TABLE "fee_payment"`);
    await q.query(`DROP INDEX "public"."UQ_fee_proxy_agreement_active"`);
    await q.query(`DROP INDEX "public"."IDX_fee_proxy_agreement_payer"`);
    await q.query(`DROP INDEX "public"."IDX_fee_proxy_agreement_org"`);
    await q.query(`DROP TABLE "fee_proxy_agreement"`);
    await q.query(`DROP TABLE "fee_org_month"`);
    await q.query(`DROP INDEX "public"."UQ_fee_bill_member_month"`);
    await q.query(`DROP INDEX "public"."IDX_fee_bill_org_month"`);
    await q.query(`DROP INDEX "public"."IDX_fee_bill_unpaid"`);
    await q.query(`DROP TABLE "fee_bill"`);
    await q.query(`DROP INDEX "public"."UQ_fee_standard_member_month"`);
    await q.query(`DROP TABLE "fee_standard"`);
  }
}
