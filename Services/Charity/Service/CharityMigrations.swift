import ServiceRuntime

/// The `charity` schema. Amounts are integer fen (`bigint`). Units held by allocations are never
/// stored as counters to keep in step: what a pledge line has left and what a need still lacks are
/// always computed from the allocations that are not cancelled.
enum CharityMigrations {
    static let all: [Migration] = [
        Migration("charity-001-schools-and-assessments", """
            CREATE TABLE schools (
                school_id text PRIMARY KEY,
                town_code text NOT NULL,
                district_code text NOT NULL,
                is_rural boolean NOT NULL,
                is_weak_teaching_point boolean NOT NULL,
                serves_key_poverty_village boolean NOT NULL,
                status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
                successor_school_id text,
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE assessments (
                assessment_id text PRIMARY KEY,
                school_id text NOT NULL REFERENCES schools,
                assessed_on date NOT NULL,
                checklist jsonb NOT NULL,
                computers_score integer NOT NULL,
                desks_score integer NOT NULL,
                blackboards_score integer NOT NULL,
                office_score integer NOT NULL,
                building_score integer NOT NULL,
                condition_score integer NOT NULL CHECK (condition_score BETWEEN 0 AND 100),
                assessed_by text NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX assessments_by_school ON assessments (school_id, assessed_on);
            CREATE TABLE needs (
                need_id text PRIMARY KEY,
                assessment_id text NOT NULL REFERENCES assessments,
                school_id text NOT NULL,
                item_code text NOT NULL,
                quantity integer NOT NULL CHECK (quantity > 0),
                condition_score integer NOT NULL,
                status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'superseded', 'moved', 'cancelled')),
                moved_from_need_id text REFERENCES needs,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX needs_open ON needs (school_id) WHERE status = 'open';
            """),
        Migration("charity-002-pledges-and-allocations", """
            CREATE SEQUENCE pledge_order;
            CREATE TABLE pledges (
                pledge_id text PRIMARY KEY,
                donor_id text NOT NULL,
                donor_name text NOT NULL,
                pledged_on date NOT NULL,
                sequence bigint NOT NULL UNIQUE DEFAULT nextval('pledge_order'),
                recorded_by text NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE pledge_lines (
                pledge_id text NOT NULL REFERENCES pledges,
                line_no integer NOT NULL,
                item_code text NOT NULL,
                form text NOT NULL CHECK (form IN ('in-kind', 'money')),
                units integer NOT NULL CHECK (units > 0),
                unit_value_fen bigint NOT NULL CHECK (unit_value_fen > 0),
                pledged_fen bigint NOT NULL CHECK (pledged_fen >= units * unit_value_fen),
                PRIMARY KEY (pledge_id, line_no)
            );
            CREATE SEQUENCE run_order;
            CREATE TABLE matching_runs (
                run_id text PRIMARY KEY,
                run_by text NOT NULL,
                allocation_count integer NOT NULL,
                allocated_fen bigint NOT NULL,
                ran_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE allocations (
                allocation_id text PRIMARY KEY,
                run_id text NOT NULL REFERENCES matching_runs,
                need_id text NOT NULL REFERENCES needs,
                pledge_id text NOT NULL,
                line_no integer NOT NULL,
                school_id text NOT NULL,
                town_code text NOT NULL,
                item_code text NOT NULL,
                quantity integer NOT NULL CHECK (quantity > 0),
                unit_value_fen bigint NOT NULL,
                value_fen bigint NOT NULL,
                priority_rank integer NOT NULL,
                condition_score integer NOT NULL,
                explanation text NOT NULL,
                status text NOT NULL DEFAULT 'allocated' CHECK (status IN ('allocated', 'delivered', 'accepted', 'cancelled')),
                delivered_on date,
                delivered_by text,
                accepted_on date,
                accepted_by text,
                cancelled_reason text,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                FOREIGN KEY (pledge_id, line_no) REFERENCES pledge_lines,
                CHECK (value_fen = quantity * unit_value_fen)
            );
            CREATE INDEX allocations_by_need ON allocations (need_id) WHERE status <> 'cancelled';
            CREATE INDEX allocations_by_line ON allocations (pledge_id, line_no) WHERE status <> 'cancelled';
            CREATE INDEX allocations_by_school ON allocations (school_id);
            """),
    ]
}
