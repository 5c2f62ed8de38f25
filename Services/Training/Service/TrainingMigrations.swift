import ServiceRuntime

/// The `training` schema. Trainees' names are the only personal data, kept here for the roll and the
/// certificate, sealed under PII_KEY (`full_name_sealed`) and never published; no ID number is asked for. Identified households are a
/// projection of identification's events, used only to put their members first on waitlists.
enum TrainingMigrations {
    static let traineeNames = SealedColumn(table: "trainees", key: "trainee_id", column: "full_name_sealed")

    static let all: [Migration] = [
        Migration("training-001-catalogue", """
            CREATE TABLE centres (
                centre_id text PRIMARY KEY,
                name text NOT NULL,
                kind text NOT NULL CHECK (kind IN ('vocational-school', 'technical-school', 'adult-education')),
                town_code text NOT NULL,
                created_by text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE courses (
                course_id text PRIMARY KEY,
                centre_id text NOT NULL REFERENCES centres,
                title text NOT NULL,
                trade text NOT NULL,
                hours integer NOT NULL CHECK (hours > 0),
                pass_mark integer NOT NULL CHECK (pass_mark BETWEEN 1 AND 100),
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE sessions (
                session_id text PRIMARY KEY,
                course_id text NOT NULL REFERENCES courses,
                starts_on date NOT NULL,
                ends_on date NOT NULL CHECK (ends_on >= starts_on),
                capacity integer NOT NULL CHECK (capacity > 0),
                examined boolean NOT NULL DEFAULT false,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        Migration("training-002-trainees", """
            CREATE TABLE trainees (
                trainee_id text PRIMARY KEY,
                full_name text NOT NULL,
                town_code text NOT NULL,
                household_id text,
                registered_by text NOT NULL,
                registered_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX trainees_by_household ON trainees (household_id) WHERE household_id IS NOT NULL;
            CREATE TABLE identified_students (
                student_id text PRIMARY KEY,
                household_id text NOT NULL,
                active boolean NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX identified_households ON identified_students (household_id) WHERE active;
            """),
        Migration("training-003-enrolments", """
            CREATE SEQUENCE enrolment_requests;
            CREATE TABLE enrolments (
                enrolment_id text PRIMARY KEY,
                session_id text NOT NULL REFERENCES sessions,
                trainee_id text NOT NULL REFERENCES trainees,
                status text NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'withdrawn', 'completed')),
                request_sequence bigint NOT NULL,
                requested_by text NOT NULL,
                requested_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE UNIQUE INDEX enrolments_one_per_trainee ON enrolments (session_id, trainee_id) WHERE status <> 'withdrawn';
            CREATE INDEX enrolments_by_trainee ON enrolments (trainee_id);
            CREATE TABLE roll_calls (
                session_id text NOT NULL REFERENCES sessions,
                day date NOT NULL,
                recorded_by text NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (session_id, day)
            );
            CREATE TABLE attendance (
                enrolment_id text NOT NULL REFERENCES enrolments,
                day date NOT NULL,
                present boolean NOT NULL,
                PRIMARY KEY (enrolment_id, day)
            );
            CREATE TABLE exam_results (
                enrolment_id text PRIMARY KEY REFERENCES enrolments,
                exam_day date NOT NULL,
                exam_year integer NOT NULL,
                score integer NOT NULL CHECK (score BETWEEN 0 AND 100),
                attendance_percent integer NOT NULL CHECK (attendance_percent BETWEEN 0 AND 100),
                passed boolean NOT NULL,
                recorded_by text NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE certificates (
                certificate_id text PRIMARY KEY,
                enrolment_id text NOT NULL UNIQUE REFERENCES exam_results,
                trainee_id text NOT NULL REFERENCES trainees,
                course_id text NOT NULL REFERENCES courses,
                issued_on date NOT NULL
            );
            """),
        // Names were stored in plain text before: existing rows are sealed in place.
        Migration.sealing("training-004-seal-trainee-names", plaintext: "full_name", into: traineeNames),
    ]
}
