import Foundation
import Testing

/// `init-roles.sql` (the file compose's postgres-setup and the aid-postgres-setup Job run) applied
/// to a fresh database of the real cluster as its superuser, and every service then started as its
/// own role: each migrates and serves its schema, and reaches nothing else.
@Suite("One PostgreSQL role per service, reaching only its own schema", .serialized, .timeLimit(.minutes(5)))
struct DatabaseRolesTests {
    static let services = ["identification", "disbursement", "charity", "pairing", "training", "inspection", "dashboard"]
    static let script = TestEnvironment.root.appending(path: "docker/postgres/init-roles.sql")

    @Test("every service migrates and runs as its own role; a role cannot read, write or create outside its schema; a re-run rotates the passwords and keeps the schemas")
    func rolesReachOnlyTheirOwnSchema() async throws {
        try await TestEnvironment.requireInfrastructure()
        let cluster = try Cluster()
        let database = TestEnvironment.uniqueName("aid_roles_")
        #expect(try cluster.psql(cluster.url(database: "postgres"), "CREATE DATABASE \(database)").status == 0)
        defer { _ = try? cluster.psql(cluster.url(database: "postgres"), "DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }

        let passwords = Dictionary(uniqueKeysWithValues: Self.services.map { ($0, "pw-\($0)-\(UUID().uuidString.prefix(8))") })
        let setup = try cluster.runScript(database: database, passwords: passwords)
        try #require(setup.status == 0, "init-roles.sql failed: \(setup.output)")
        #expect(!setup.output.contains("pw-"), "passwords are not echoed: \(setup.output)")

        let prefix = TestEnvironment.uniqueName("roles-") + "."
        var started: [ServiceProcess] = []
        defer { for service in started { service.stop() } }
        for name in Self.services {
            let service = ServiceProcess(name, schema: name, topicPrefix: prefix, extra: [
                "POSTGRES_URL": cluster.url(database: database, user: "aid_\(name)", password: passwords[name]!),
                "BANK_EXCHANGE_DIR": FileManager.default.temporaryDirectory.appending(path: "aid-bank-\(prefix)").path,
            ])
            try await service.start()
            started.append(service)
        }

        let disbursement = cluster.url(database: database, user: "aid_disbursement", password: passwords["disbursement"]!)
        let identification = cluster.url(database: database, user: "aid_identification", password: passwords["identification"]!)
        // Its own schema: reads and writes what its migrations made.
        #expect(try cluster.psql(disbursement, "SELECT count(*) FROM disbursement.ledger").status == 0)
        // Everything else is refused, each for the reason PostgreSQL names.
        let refusals: [(url: String, sql: String, reason: String)] = [
            (disbursement, "SELECT count(*) FROM identification.students", "permission denied for schema identification"),
            (identification, "INSERT INTO disbursement.ledger DEFAULT VALUES", "permission denied for schema disbursement"),
            (identification, "CREATE TABLE charity.intruder (id int)", "permission denied for schema charity"),
            (disbursement, "CREATE SCHEMA side_door", "permission denied for database"),
            (disbursement, "CREATE TABLE public.side_door (id int)", "permission denied for schema public"),
            (disbursement, "CREATE TEMPORARY TABLE scratch (id int)", "permission denied to create temporary tables"),
            (disbursement, "SET ROLE aid_identification", "permission denied to set role"),
        ]
        for refusal in refusals {
            let run = try cluster.psql(refusal.url, refusal.sql)
            #expect(run.status != 0 && run.output.contains(refusal.reason), "\(refusal.sql): \(run.output)")
        }

        // Run again with new passwords (how they are rotated): every role's stored verifier changes
        // (the local cluster trusts loopback, so a login cannot show it), the schemas keep their
        // migrations, and the running services are undisturbed.
        let verifiers = "SELECT string_agg(rolname || '=' || rolpassword, ',' ORDER BY rolname) FROM pg_authid WHERE rolname LIKE 'aid\\_%'"
        let before = try cluster.psql(cluster.url(database: database), verifiers).output
        let again = try cluster.runScript(database: database, passwords: passwords.mapValues { $0 + "-rotated" })
        try #require(again.status == 0, "init-roles.sql a second time failed: \(again.output)")
        let after = try cluster.psql(cluster.url(database: database), verifiers).output
        for name in Self.services {
            let verifier = { (listing: String) in listing.split(separator: ",").first { $0.hasPrefix("aid_\(name)=SCRAM-SHA-256$") } }
            #expect(verifier(before) != nil && verifier(after) != nil && verifier(before) != verifier(after), "aid_\(name): \(before) -> \(after)")
        }
        let migrations = try cluster.psql(disbursement, "SELECT count(*) FROM disbursement.schema_migrations")
        #expect(migrations.status == 0 && Int(migrations.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0, "\(migrations.output)")
        for service in started {
            #expect(try await HTTP.status("\(service.baseURL)/health/ready") == 200, "\(service.name) after the re-run")
        }
    }

    /// The cluster of POSTGRES_URL, reached as its superuser (`AID_PG_ADMIN_URL`; the local cluster
    /// that scripts/infra.sh starts trusts `postgres` on loopback).
    struct Cluster {
        let host: String
        let port: Int
        let admin: String

        init() throws {
            let url = try #require(URLComponents(string: TestEnvironment.postgresURL))
            host = url.host ?? "127.0.0.1"
            port = url.port ?? 5432
            admin = TestEnvironment.environment["AID_PG_ADMIN_USER"] ?? "postgres"
        }

        func url(database: String, user: String? = nil, password: String? = nil) -> String {
            let credentials = user.map { user in password.map { "\(user):\($0)" } ?? user } ?? admin
            return "postgres://\(credentials)@\(host):\(port)/\(database)"
        }

        /// One statement through psql; its exit status and everything it printed.
        func psql(_ url: String, _ sql: String) throws -> (status: Int32, output: String) {
            try run(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", url, "-c", sql])
        }

        /// init-roles.sql against `database`, as the operations guide runs it.
        func runScript(database: String, passwords: [String: String]) throws -> (status: Int32, output: String) {
            var arguments = ["-X", "-q", url(database: database)]
            for (service, password) in passwords.sorted(by: { $0.key < $1.key }) {
                arguments += ["-v", "\(service)_password=\(password)"]
            }
            return try run(arguments + ["-f", DatabaseRolesTests.script.path])
        }

        private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment["PGCONNECT_TIMEOUT"] = "10"
            environment.removeValue(forKey: "PGPASSWORD")
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: output, as: UTF8.self))
        }
    }
}
