import ServiceRuntime

/// The `disbursement` schema. Amounts are integer fen (`bigint`). The ledger is append-only: a
/// trigger refuses updates and deletes, and each payment can be booked once per entry kind.
enum DisbursementMigrations {
    static let all: [Migration] = [
        Migration("disbursement-001-catalog", """
            CREATE TABLE catalog_versions (
                version integer PRIMARY KEY,
                effective_from text NOT NULL,
                catalog jsonb NOT NULL,
                created_by text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE semesters (
                semester text PRIMARY KEY,
                status text NOT NULL CHECK (status IN ('open', 'closed')),
                opened_by text NOT NULL,
                opened_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        Migration("disbursement-002-students", """
            CREATE TABLE students (
                student_id text PRIMARY KEY,
                household_id text,
                school_id text NOT NULL,
                town_code text NOT NULL,
                stage text NOT NULL,
                enrolled boolean NOT NULL DEFAULT true,
                tier text,
                identified boolean NOT NULL DEFAULT false,
                boarding boolean NOT NULL DEFAULT true,
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE entitlements (
                entitlement_id text PRIMARY KEY,
                student_id text NOT NULL REFERENCES students,
                program_code text NOT NULL,
                semester text NOT NULL,
                amount_fen bigint NOT NULL CHECK (amount_fen > 0),
                catalog_version integer NOT NULL,
                school_id text NOT NULL,
                town_code text NOT NULL,
                status text NOT NULL CHECK (status IN ('granted', 'batched', 'paid', 'revoked')),
                revoked_reason text,
                created_at timestamptz NOT NULL DEFAULT now(),
                UNIQUE (student_id, program_code, semester)
            );
            CREATE INDEX entitlements_open ON entitlements (school_id, semester) WHERE status = 'granted';
            """),
        Migration("disbursement-003-payments", """
            CREATE TABLE payment_batches (
                batch_id text PRIMARY KEY,
                school_id text NOT NULL,
                semester text NOT NULL,
                status text NOT NULL CHECK (status IN ('draft', 'approved', 'sent', 'partially-confirmed', 'confirmed', 'closed')),
                attempt integer NOT NULL DEFAULT 1,
                created_by text NOT NULL,
                approved_by text,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE payments (
                payment_id text PRIMARY KEY,
                entitlement_id text NOT NULL UNIQUE REFERENCES entitlements,
                batch_id text NOT NULL REFERENCES payment_batches,
                amount_fen bigint NOT NULL CHECK (amount_fen > 0),
                status text NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
                attempt integer NOT NULL DEFAULT 1,
                payee_reference text NOT NULL,
                bank_reference text,
                failure_reason text,
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX payments_by_batch ON payments (batch_id, status);
            CREATE TABLE payment_files (
                batch_id text NOT NULL REFERENCES payment_batches,
                attempt integer NOT NULL,
                content text NOT NULL,
                line_count integer NOT NULL,
                total_fen bigint NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                exported_at timestamptz,
                confirmation text,
                confirmed_at timestamptz,
                PRIMARY KEY (batch_id, attempt)
            );
            CREATE TABLE ledger (
                entry_id bigserial PRIMARY KEY,
                kind text NOT NULL CHECK (kind IN ('payment', 'reversal', 'recovery')),
                payment_id text NOT NULL REFERENCES payments,
                entitlement_id text NOT NULL,
                student_id text NOT NULL,
                program_code text NOT NULL,
                semester text NOT NULL,
                school_id text NOT NULL,
                town_code text NOT NULL,
                amount_fen bigint NOT NULL,
                reference text NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now(),
                UNIQUE (payment_id, kind)
            );
            CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the ledger is append-only: % is not allowed', TG_OP; END $$;
            CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
            """),
        // Each inspection claw-back order is applied once, whatever event carries it.
        Migration("disbursement-004-clawback-orders", """
            CREATE TABLE clawback_orders (
                order_id text PRIMARY KEY,
                finding_id text NOT NULL,
                student_id text NOT NULL,
                reason text NOT NULL,
                ordered_fen bigint NOT NULL,
                recovered_fen bigint NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """),
    ]
}
