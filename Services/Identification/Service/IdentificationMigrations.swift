import ServiceRuntime

/// The `identification` schema. Personal data (resident ID number, name, address) is stored only
/// encrypted; resident IDs are matched through a keyed hash, never in the clear.
enum IdentificationMigrations {
    /// Resident ID numbers, names and addresses, sealed under PII_KEY; the hashes are keyed by it too.
    static let sealedColumns = [
        SealedColumn(table: "students", key: "student_id", column: "resident_id_sealed", residentIDHash: "resident_id_hash"),
        SealedColumn(table: "students", key: "student_id", column: "name_sealed"),
        SealedColumn(table: "students", key: "student_id", column: "address_sealed"),
        SealedColumn(table: "registry_entries", key: "entry_id", column: "resident_id_sealed", residentIDHash: "resident_id_hash"),
    ]

    static let all: [Migration] = [
        Migration("identification-001-roster", """
            CREATE TABLE schools (
                school_id text PRIMARY KEY,
                name text NOT NULL,
                town_code text NOT NULL,
                district_code text NOT NULL,
                stages text[] NOT NULL,
                is_rural boolean NOT NULL,
                serves_key_poverty_village boolean NOT NULL DEFAULT false,
                is_weak_teaching_point boolean NOT NULL DEFAULT false,
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE students (
                student_id text PRIMARY KEY,
                resident_id_hash text NOT NULL UNIQUE,
                resident_id_sealed bytea NOT NULL,
                name_sealed bytea NOT NULL,
                address_sealed bytea,
                household_id text NOT NULL,
                school_id text NOT NULL REFERENCES schools,
                stage text NOT NULL,
                grade integer NOT NULL,
                enrolment_date date NOT NULL,
                left_behind boolean NOT NULL DEFAULT false,
                status text NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'graduated', 'withdrawn')),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX students_household ON students (household_id);
            CREATE INDEX students_school ON students (school_id);
            CREATE TABLE registry_entries (
                entry_id bigserial PRIMARY KEY,
                list text NOT NULL,
                resident_id_hash text NOT NULL,
                resident_id_sealed bytea NOT NULL,
                valid_from date NOT NULL,
                valid_to date,
                reference text,
                imported_at timestamptz NOT NULL DEFAULT now(),
                UNIQUE (list, resident_id_hash, valid_from)
            );
            CREATE INDEX registry_by_person ON registry_entries (resident_id_hash);
            """),
        Migration("identification-002-applications", """
            CREATE TABLE applications (
                application_id text PRIMARY KEY,
                student_id text NOT NULL REFERENCES students,
                semester text NOT NULL,
                survey jsonb NOT NULL,
                submitted_by text NOT NULL,
                submitted_at timestamptz NOT NULL DEFAULT now(),
                UNIQUE (student_id, semester)
            );
            CREATE TABLE verification_visits (
                visit_id bigserial PRIMARY KEY,
                application_id text NOT NULL REFERENCES applications,
                verdict text NOT NULL,
                visited_on date NOT NULL,
                visitor text NOT NULL,
                notes text,
                recorded_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE parent_reviews (
                review_id bigserial PRIMARY KEY,
                application_id text NOT NULL REFERENCES applications,
                outcome text NOT NULL,
                reviewed_on date NOT NULL,
                recorded_by text NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        Migration("identification-003-decisions", """
            CREATE TABLE tier_rules (
                version text PRIMARY KEY,
                rules jsonb NOT NULL,
                active boolean NOT NULL DEFAULT false,
                created_by text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE UNIQUE INDEX tier_rules_one_active ON tier_rules (active) WHERE active;
            CREATE TABLE identification_decisions (
                decision_id text PRIMARY KEY,
                student_id text NOT NULL REFERENCES students,
                outcome text NOT NULL,
                tier text,
                rule_version text NOT NULL,
                evidence jsonb NOT NULL,
                decided_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX decisions_by_student ON identification_decisions (student_id, decided_at);
            CREATE TABLE identifications (
                student_id text PRIMARY KEY REFERENCES students,
                decision_id text NOT NULL REFERENCES identification_decisions,
                tier text NOT NULL,
                status text NOT NULL CHECK (status IN ('active', 'revoked')),
                rule_version text NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        // Schools close or merge; the roster keeps them (students' history points at them).
        Migration("identification-004-school-closure", """
            ALTER TABLE schools
                ADD COLUMN status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
                ADD COLUMN successor_school_id text REFERENCES schools,
                ADD COLUMN closed_on date;
            """),
        // A student revoked on an inspection claw-back is held: identification runs and imports pass
        // them by until a bureau officer lifts the hold, so the same facts cannot re-identify them.
        Migration("identification-005-inspection-holds", """
            CREATE TABLE inspection_holds (
                hold_id bigserial PRIMARY KEY,
                student_id text NOT NULL REFERENCES students,
                order_id text NOT NULL,
                finding_id text NOT NULL,
                reason text NOT NULL,
                placed_at timestamptz NOT NULL DEFAULT now(),
                lifted_by text,
                lift_reason text,
                lifted_at timestamptz
            );
            CREATE UNIQUE INDEX inspection_holds_one_in_force ON inspection_holds (student_id) WHERE lifted_at IS NULL;
            CREATE TABLE applied_clawback_orders (
                order_id text PRIMARY KEY,
                student_id text NOT NULL REFERENCES students,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        // The coverage counts last published (CoveragePublisher), so the same counts go out once.
        Migration("identification-006-coverage-published", """
            CREATE TABLE coverage_published (
                id integer PRIMARY KEY CHECK (id = 1),
                counts text NOT NULL,
                published_at timestamptz NOT NULL
            );
            """),
        // Deciding a student looks up the latest visit and review of each application; without
        // these each lookup reads the whole table (the reference city's 12,767 applications
        // imported in 44.4 s without them, 32.8 s with them; debug build, Benchmarks/README.md).
        Migration("identification-007-check-indexes", """
            CREATE INDEX verification_visits_by_application ON verification_visits (application_id);
            CREATE INDEX parent_reviews_by_application ON parent_reviews (application_id);
            """),
    ]
}
