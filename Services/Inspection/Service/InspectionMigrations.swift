import ServiceRuntime

/// The `inspection` schema. Schools, students and payments are projections of other services'
/// events; campaigns, reviews, re-checks, findings and claw-back orders are inspection's own. Names
/// of inspectors and of people held accountable are kept here and never published.
enum InspectionMigrations {
    static let all: [Migration] = [
        Migration("inspection-001-projections", """
            CREATE TABLE schools (
                school_id text PRIMARY KEY,
                district_code text NOT NULL,
                town_code text NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE students (
                student_id text PRIMARY KEY,
                school_id text,
                household_id text,
                enrolled boolean NOT NULL DEFAULT true,
                left_behind boolean NOT NULL DEFAULT false,
                identified boolean NOT NULL DEFAULT false,
                registry_lists text[] NOT NULL DEFAULT '{}',
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX students_by_school ON students (school_id);
            CREATE TABLE payments (
                payment_id text PRIMARY KEY,
                entitlement_id text NOT NULL,
                student_id text NOT NULL,
                school_id text NOT NULL,
                program_code text NOT NULL,
                semester text NOT NULL,
                amount_fen bigint NOT NULL CHECK (amount_fen > 0),
                confirmed_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX payments_by_student ON payments (student_id);
            CREATE INDEX payments_by_semester ON payments (semester, student_id);
            """),
        Migration("inspection-002-rechecks", """
            CREATE TABLE recheck_tasks (
                task_id text PRIMARY KEY,
                student_id text NOT NULL,
                school_id text NOT NULL,
                semester text NOT NULL,
                due_on date NOT NULL,
                status text NOT NULL CHECK (status IN ('open', 'completed')),
                method text,
                outcome text,
                completed_on date,
                completed_by text,
                notes text,
                created_at timestamptz NOT NULL DEFAULT now(),
                UNIQUE (student_id, semester)
            );
            CREATE INDEX recheck_tasks_open ON recheck_tasks (due_on) WHERE status = 'open';
            CREATE TABLE closed_semesters (
                semester text PRIMARY KEY,
                students_paid integer NOT NULL,
                closed_by text NOT NULL,
                closed_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        Migration("inspection-003-reviews", """
            CREATE TABLE campaigns (
                campaign_id text PRIMARY KEY,
                title text NOT NULL,
                year integer NOT NULL,
                starts_on date NOT NULL,
                ends_on date NOT NULL,
                created_by text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE teams (
                team_id text PRIMARY KEY,
                campaign_id text NOT NULL REFERENCES campaigns,
                district_code text NOT NULL
            );
            CREATE TABLE team_members (
                team_id text NOT NULL REFERENCES teams,
                inspector_id text NOT NULL,
                full_name text NOT NULL,
                PRIMARY KEY (team_id, inspector_id)
            );
            CREATE TABLE reviews (
                review_id text PRIMARY KEY,
                campaign_id text NOT NULL REFERENCES campaigns,
                school_id text NOT NULL,
                team_id text NOT NULL REFERENCES teams,
                aid_management_score integer,
                archive_management_score integer,
                score integer,
                notes text,
                result_by text,
                status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'final')),
                finalized_on date,
                UNIQUE (campaign_id, school_id)
            );
            CREATE TABLE review_signatures (
                review_id text NOT NULL REFERENCES reviews,
                inspector_id text NOT NULL,
                signed_on date NOT NULL,
                PRIMARY KEY (review_id, inspector_id)
            );
            """),
        Migration("inspection-004-findings", """
            CREATE TABLE findings (
                finding_id text PRIMARY KEY,
                student_id text NOT NULL,
                school_id text NOT NULL,
                kind text NOT NULL,
                summary text NOT NULL,
                clawback boolean NOT NULL,
                covers_every_payment boolean NOT NULL,
                recheck_task_id text REFERENCES recheck_tasks,
                recorded_by text NOT NULL,
                recorded_on date NOT NULL
            );
            CREATE INDEX findings_by_student ON findings (student_id);
            CREATE INDEX findings_by_school ON findings (school_id, recorded_on);
            CREATE TABLE accountability_records (
                finding_id text PRIMARY KEY REFERENCES findings,
                responsible_name text NOT NULL,
                responsible_position text NOT NULL,
                school_head_name text NOT NULL,
                school_head_position text NOT NULL
            );
            CREATE TABLE clawback_orders (
                order_id text PRIMARY KEY,
                finding_id text NOT NULL REFERENCES findings,
                student_id text NOT NULL,
                total_fen bigint NOT NULL,
                status text NOT NULL DEFAULT 'ordered' CHECK (status IN ('ordered', 'recovered')),
                recovered_fen bigint,
                ordered_at timestamptz NOT NULL DEFAULT now(),
                recovered_at timestamptz
            );
            CREATE TABLE clawback_payments (
                payment_id text PRIMARY KEY REFERENCES payments,
                order_id text NOT NULL REFERENCES clawback_orders
            );
            """),
        Migration("inspection-005-care", """
            CREATE TABLE care_measures (
                student_id text NOT NULL,
                semester text NOT NULL,
                measure text NOT NULL,
                delivered_on date NOT NULL,
                recorded_by text NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (student_id, semester, measure)
            );
            """),
    ]
}
