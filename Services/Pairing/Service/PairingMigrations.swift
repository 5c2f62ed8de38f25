import ServiceRuntime

/// The `pairing` schema. Schools are the roster's, plus what the bureau registers here: coordinates
/// and how many weak schools a strong one supports. Volunteers' names stay in this schema, sealed
/// under PII_KEY (`name_sealed`). A weak school has at most one active twinning and a child at most
/// one active care pair (unique indexes).
enum PairingMigrations {
    static let volunteerNames = SealedColumn(table: "volunteers", key: "volunteer_id", column: "name_sealed")

    static let all: [Migration] = [
        Migration("pairing-001-schools-and-twinning", """
            CREATE TABLE schools (
                school_id text PRIMARY KEY,
                town_code text NOT NULL,
                district_code text NOT NULL,
                stages text[] NOT NULL,
                is_rural boolean NOT NULL,
                serves_key_poverty_village boolean NOT NULL,
                is_weak_teaching_point boolean NOT NULL,
                status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
                latitude_micro integer,
                longitude_micro integer,
                support_capacity integer NOT NULL DEFAULT 0 CHECK (support_capacity >= 0),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE SEQUENCE twinning_order;
            CREATE TABLE twinning_pairs (
                pair_id text PRIMARY KEY,
                weak_school_id text NOT NULL REFERENCES schools,
                strong_school_id text NOT NULL REFERENCES schools,
                kind text NOT NULL CHECK (kind IN ('urban-rural', 'intra-city')),
                stages text[] NOT NULL,
                distance_metres integer NOT NULL CHECK (distance_metres >= 0),
                key_poverty_village boolean NOT NULL,
                explanation text NOT NULL,
                formed_by text NOT NULL,
                formed_at timestamptz NOT NULL DEFAULT now(),
                ended_at timestamptz,
                end_reason text
            );
            CREATE UNIQUE INDEX twinning_one_active_per_weak_school ON twinning_pairs (weak_school_id) WHERE ended_at IS NULL;
            CREATE INDEX twinning_active_by_strong_school ON twinning_pairs (strong_school_id) WHERE ended_at IS NULL;
            CREATE TABLE twinning_activities (
                activity_id bigserial PRIMARY KEY,
                pair_id text NOT NULL REFERENCES twinning_pairs,
                kind text NOT NULL CHECK (kind IN ('teaching-exchange', 'shared-lesson', 'visit')),
                held_on date NOT NULL,
                participants integer NOT NULL CHECK (participants > 0),
                summary text NOT NULL,
                recorded_by text NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX twinning_activities_by_pair ON twinning_activities (pair_id, held_on);
            """),
        Migration("pairing-002-care", """
            CREATE TABLE children (
                student_id text PRIMARY KEY,
                school_id text NOT NULL,
                town_code text NOT NULL,
                stage text NOT NULL,
                left_behind boolean NOT NULL,
                enrolled boolean NOT NULL,
                waiting_since timestamptz,
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX children_waiting ON children (town_code, waiting_since) WHERE waiting_since IS NOT NULL;
            CREATE TABLE volunteers (
                volunteer_id text PRIMARY KEY,
                name text NOT NULL,
                town_code text NOT NULL,
                school_id text,
                capacity integer NOT NULL CHECK (capacity > 0),
                active boolean NOT NULL DEFAULT true,
                registered_by text NOT NULL,
                registered_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX volunteers_active_by_town ON volunteers (town_code) WHERE active;
            CREATE SEQUENCE care_pair_order;
            CREATE TABLE care_pairs (
                pair_id text PRIMARY KEY,
                student_id text NOT NULL REFERENCES children,
                volunteer_id text NOT NULL REFERENCES volunteers,
                school_id text NOT NULL,
                town_code text NOT NULL,
                match text NOT NULL CHECK (match IN ('same-school', 'same-town')),
                formed_at timestamptz NOT NULL DEFAULT now(),
                ended_at timestamptz,
                end_reason text
            );
            CREATE UNIQUE INDEX care_one_active_pair_per_child ON care_pairs (student_id) WHERE ended_at IS NULL;
            CREATE INDEX care_active_by_volunteer ON care_pairs (volunteer_id) WHERE ended_at IS NULL;
            CREATE TABLE care_rooms (
                room_id text PRIMARY KEY,
                school_id text NOT NULL REFERENCES schools,
                opened_on date NOT NULL,
                status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
                recorded_by text NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE care_room_equipment (
                room_id text NOT NULL REFERENCES care_rooms,
                item_code text NOT NULL,
                quantity integer NOT NULL CHECK (quantity >= 0),
                PRIMARY KEY (room_id, item_code)
            );
            CREATE TABLE care_room_openings (
                room_id text NOT NULL REFERENCES care_rooms,
                opened_on date NOT NULL,
                hours integer NOT NULL CHECK (hours BETWEEN 1 AND 24),
                children_present integer NOT NULL CHECK (children_present >= 0),
                volunteers_present integer NOT NULL CHECK (volunteers_present >= 0),
                recorded_by text NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (room_id, opened_on)
            );
            """),
        // Names were stored in plain text before: existing rows are sealed in place.
        Migration.sealing("pairing-003-seal-volunteer-names", plaintext: "name", into: volunteerNames),
    ]
}
