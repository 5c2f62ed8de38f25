import Foundation
import PairingService
import PostgresNIO
import ServiceRuntime
import Testing
import TrainingService

/// Trainees' and volunteers' names at rest: sealed under PII_KEY in PostgreSQL (existing plain-text
/// rows converted by a migration), still shown to those who may see them, also after a restart;
/// and re-sealed under a new PII_KEY by the one-shot RESEAL_PII run.
@Suite("Sealed names in training and pairing; PII_KEY rotation", .serialized, .timeLimit(.minutes(8)))
struct SealedNamesTests {
    static let keyA = "sealed-names-test-pii-key-a-0123456789abcdef"
    static let keyB = "sealed-names-test-pii-key-b-0123456789abcdef"

    struct Trainee: Decodable { var traineeId: String; var name: String? }
    struct Volunteer: Decodable { var volunteerId: String; var name: String? }
    struct Student: Decodable { var studentId: String; var residentId: String; var name: String?; var address: String? }

    /// Builds `service`'s schema as it was before the migration `sealingMigration` (names in plain
    /// text), then runs `insert` in it.
    static func legacySchema(_ schema: String, migrations: [Migration], before sealingMigration: String, insert: String) async throws {
        let database = try Database(url: TestEnvironment.postgresURL, schema: schema, maxConnections: 2, applicationName: "aid-sealed-names-tests", logger: TestEnvironment.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await database.client.run() }
            defer { tasks.cancelAll() }
            let earlier = Array(migrations.prefix { $0.id != sealingMigration })
            try #require(earlier.count < migrations.count, "no migration \(sealingMigration)")
            try await Migrator(database: database, logger: TestEnvironment.logger).migrate(earlier)
            try await database.query(PostgresQuery(unsafeSQL: insert))
        }
    }

    /// Every value of a column as stored, by primary key.
    static func stored(_ schema: String, _ table: String, key: String, column: String) async throws -> [String: Data] {
        try await TestEnvironment.withPostgres { client in
            var values: [String: Data] = [:]
            let rows = try await client.query(PostgresQuery(unsafeSQL: "SELECT \(key), \(column) FROM \(schema).\(table)"), logger: TestEnvironment.logger)
            for try await (id, value) in rows.decode((String, Data).self) { values[id] = value }
            return values
        }
    }

    static func columns(_ schema: String, _ table: String) async throws -> Set<String> {
        try await TestEnvironment.withPostgres { client in
            var names: Set<String> = []
            let rows = try await client.query("""
                SELECT column_name FROM information_schema.columns WHERE table_schema = \(schema) AND table_name = \(table)
                """, logger: TestEnvironment.logger)
            for try await name in rows.decode(String.self) { names.insert(name) }
            return names
        }
    }

    /// No stored value contains any name's bytes, and each opens to its name under `key`.
    static func expectSealed(_ values: [String: Data], names: [String: String], key: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let vault = PersonalDataVault(secret: key)
        #expect(Set(values.keys) == Set(names.keys), sourceLocation: sourceLocation)
        for (id, sealed) in values {
            for name in names.values {
                #expect(sealed.range(of: Data(name.utf8)) == nil, "\(id): a plain name is in the column", sourceLocation: sourceLocation)
            }
            #expect(try vault.open(sealed) == names[id], sourceLocation: sourceLocation)
        }
    }

    @Test("training: plain-text names of existing trainees are sealed by the migration; new ones sealed; the API and a restart still show them")
    func trainingNames() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let schema = world.schema("training")
            try await Self.legacySchema(schema, migrations: TrainingService.definition.migrations, before: "training-004-seal-trainee-names", insert: """
                INSERT INTO trainees (trainee_id, full_name, town_code, household_id, registered_by)
                VALUES ('TRN-legacy-1', 'Sun Guiying', '370785101', NULL, 'staff-zhao'),
                       ('TRN-legacy-2', '孙桂英', '370785101', 'HH-1', 'staff-zhao')
                """)
            let training = try await world.start("training", extra: ["PII_KEY": Self.keyA])
            #expect(try await !Self.columns(schema, "trainees").contains("full_name"), "the plain-text column must be gone")

            let staff = try await HTTP.token(.schoolStaff, subject: "staff-zhao")
            let auditor = try await HTTP.token(.auditor, subject: "auditor-sun")
            let api = "\(training.baseURL)/v1"
            let registered = try await HTTP.post("\(api)/trainees", token: staff, json: ["name": "Wang Jianguo", "townCode": "370785101"])
            try #require(registered.status == 201, "\(registered.text)")
            let newId = try registered.json(Trainee.self).traineeId
            let names = ["TRN-legacy-1": "Sun Guiying", "TRN-legacy-2": "孙桂英", newId: "Wang Jianguo"]

            try Self.expectSealed(try await Self.stored(schema, "trainees", key: "trainee_id", column: "full_name_sealed"), names: names, key: Self.keyA)
            for (id, name) in names {
                #expect(try await HTTP.get("\(api)/trainees/\(id)", token: staff).json(Trainee.self).name == name)
                #expect(try await HTTP.get("\(api)/trainees/\(id)", token: auditor).json(Trainee.self).name == nil, "auditors see no names")
            }

            training.stop()
            let restarted = ServiceProcess(reusing: training)
            try await restarted.start()
            defer { restarted.stop() }
            for (id, name) in names {
                #expect(try await HTTP.get("\(restarted.baseURL)/v1/trainees/\(id)", token: staff).json(Trainee.self).name == name, "after a restart")
            }
        }
    }

    @Test("pairing: plain-text names of existing volunteers are sealed by the migration; new ones sealed; the API and a restart still show them")
    func pairingNames() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let schema = world.schema("pairing")
            try await Self.legacySchema(schema, migrations: PairingService.definition.migrations, before: "pairing-003-seal-volunteer-names", insert: """
                INSERT INTO volunteers (volunteer_id, name, town_code, school_id, capacity, registered_by)
                VALUES ('VOL-legacy', 'Liu Yang', '370785104', NULL, 2, 'staff-zhao')
                """)
            let pairing = try await world.start("pairing", extra: ["PII_KEY": Self.keyA])
            #expect(try await !Self.columns(schema, "volunteers").contains("name"), "the plain-text column must be gone")

            let staff = try await HTTP.token(.schoolStaff, subject: "staff-zhao")
            let auditor = try await HTTP.token(.auditor, subject: "auditor-sun")
            let api = "\(pairing.baseURL)/v1"
            let body = try JSONSerialization.data(withJSONObject: ["volunteerId": "VOL-new", "name": "张伟 Zhang Wei", "townCode": "370785104", "capacity": 1])
            let registered = try await HTTP.send("POST", "\(api)/volunteers", token: staff, body: body)
            try #require(registered.status == 201, "\(registered.text)")
            #expect(try registered.json(Volunteer.self).name == "张伟 Zhang Wei")
            let names = ["VOL-legacy": "Liu Yang", "VOL-new": "张伟 Zhang Wei"]

            try Self.expectSealed(try await Self.stored(schema, "volunteers", key: "volunteer_id", column: "name_sealed"), names: names, key: Self.keyA)
            for (id, name) in names {
                #expect(try await HTTP.get("\(api)/volunteers/\(id)", token: staff).json(Volunteer.self).name == name)
                #expect(try await HTTP.get("\(api)/volunteers/\(id)", token: auditor).json(Volunteer.self).name == nil, "auditors see no names")
            }

            pairing.stop()
            let restarted = ServiceProcess(reusing: pairing)
            try await restarted.start()
            defer { restarted.stop() }
            for (id, name) in names {
                #expect(try await HTTP.get("\(restarted.baseURL)/v1/volunteers/\(id)", token: staff).json(Volunteer.self).name == name, "after a restart")
            }
        }
    }

    @Test("RESEAL_PII re-seals training's names and identification's numbers, names, addresses and hashes under the new key, idempotently")
    func rotation() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification", extra: ["PII_KEY": Self.keyA])
            let training = try await world.start("training", extra: ["PII_KEY": Self.keyA])
            let officer = try await HTTP.token(.bureauOfficer, subject: "officer-li")
            let staff = try await HTTP.token(.schoolStaff, subject: "staff-zhao")

            let schools = try await HTTP.send("POST", "\(identification.baseURL)/v1/schools/import", token: officer, body: PairingTests.schoolsCSV, contentType: "text/csv")
            try #require(schools.status == 200, "\(schools.text)")
            var student = PairingTests.student("STU-R1", index: 1, school: "SCH-R1", leftBehind: true)
            student["address"] = "Xiaozhuang Village 7"
            let students = try await HTTP.send("POST", "\(identification.baseURL)/v1/students/import", token: officer,
                                               body: try JSONSerialization.data(withJSONObject: [student, PairingTests.student("STU-R2", index: 2, school: "SCH-R1", leftBehind: false)]))
            try #require(students.status == 200, "\(students.text)")
            let before = try await HTTP.get("\(identification.baseURL)/v1/students/STU-R1", token: officer).json(Student.self)
            let trainee = try await HTTP.post("\(training.baseURL)/v1/trainees", token: staff, json: ["name": "Zhao Tiezhu", "townCode": "370785101"]).json(Trainee.self)
            identification.stop()
            training.stop()

            let identificationSchema = world.schema("identification")
            let trainingSchema = world.schema("training")
            func run(_ service: String, _ environment: [String: String]) async throws -> SigningKeyStartupTests.Exit {
                try await SigningKeyStartupTests.runToExit(service, environment: environment.merging([
                    "POSTGRES_SCHEMA": world.schema(service), "KAFKA_TOPIC_PREFIX": world.topicPrefix,
                ]) { _, new in new }, timeout: .seconds(60))
            }

            // A key that opens nothing stored: refused, naming the keys, and nothing changes.
            let storedBefore = try await Self.stored(trainingSchema, "trainees", key: "trainee_id", column: "full_name_sealed")
            let wrong = try await run("training", ["RESEAL_PII": "true", "PII_KEY": Self.keyB, "PII_PREVIOUS_KEY": "sealed-names-test-some-other-key-0123456789"])
            #expect(wrong.status != 0)
            #expect(wrong.stderr.contains("PII_PREVIOUS_KEY") && wrong.stderr.contains("trainees"), "\(wrong.stderr)")
            #expect(!wrong.stderr.contains("Zhao Tiezhu"))
            #expect(try await Self.stored(trainingSchema, "trainees", key: "trainee_id", column: "full_name_sealed") == storedBefore)

            for service in ["identification", "training"] {
                let resealed = try await run(service, ["RESEAL_PII": "true", "PII_KEY": Self.keyB, "PII_PREVIOUS_KEY": Self.keyA])
                #expect(resealed.status == 0, "\(service): \(resealed.stderr)")
            }
            let trainingAfter = try await Self.stored(trainingSchema, "trainees", key: "trainee_id", column: "full_name_sealed")
            try Self.expectSealed(trainingAfter, names: [trainee.traineeId: "Zhao Tiezhu"], key: Self.keyB)
            let newVault = PersonalDataVault(secret: Self.keyB)
            let hashes = try await TestEnvironment.withPostgres { client in
                var hashes: [String: String] = [:]
                let rows = try await client.query(PostgresQuery(unsafeSQL: "SELECT student_id, resident_id_hash FROM \(identificationSchema).students"), logger: TestEnvironment.logger)
                for try await (id, hash) in rows.decode((String, String).self) { hashes[id] = hash }
                return hashes
            }
            #expect(hashes["STU-R1"] == newVault.hash(residentID: before.residentId), "the lookup hash follows the new key")
            let names = try await Self.stored(identificationSchema, "students", key: "student_id", column: "name_sealed")
            #expect(try names.mapValues { try newVault.open($0) } == ["STU-R1": "Student STU-R1", "STU-R2": "Student STU-R2"])

            // Again: nothing left to re-seal, nothing rewritten.
            let identificationBefore = try await Self.stored(identificationSchema, "students", key: "student_id", column: "resident_id_sealed")
            for service in ["identification", "training"] {
                let again = try await run(service, ["RESEAL_PII": "1", "PII_KEY": Self.keyB, "PII_PREVIOUS_KEY": Self.keyA])
                #expect(again.status == 0, "\(service): \(again.stderr)")
            }
            #expect(try await Self.stored(trainingSchema, "trainees", key: "trainee_id", column: "full_name_sealed") == trainingAfter)
            #expect(try await Self.stored(identificationSchema, "students", key: "student_id", column: "resident_id_sealed") == identificationBefore)

            // The rotation ends: the services with the new key alone show everything.
            let newIdentification = try await world.start("identification", extra: ["PII_KEY": Self.keyB, "PII_PREVIOUS_KEY": ""])
            let after = try await HTTP.get("\(newIdentification.baseURL)/v1/students/STU-R1", token: officer).json(Student.self)
            #expect(after.residentId == before.residentId && after.name == "Student STU-R1" && after.address == "Xiaozhuang Village 7")
            let newTraining = try await world.start("training", extra: ["PII_KEY": Self.keyB, "PII_PREVIOUS_KEY": ""])
            #expect(try await HTTP.get("\(newTraining.baseURL)/v1/trainees/\(trainee.traineeId)", token: staff).json(Trainee.self).name == "Zhao Tiezhu")
        }
    }
}
