import AidContracts
import DisbursementDomain
import Foundation
import Testing

/// Disbursement decodes the grant catalog once per version, not per event (`CatalogCache`); a
/// version added while it runs must still apply to the very next student it grants to.
@Suite("Disbursement: a catalog version added while running", .serialized, .timeLimit(.minutes(3)))
struct CatalogVersionTests {
    struct Grant: Equatable, Comparable {
        var program: String
        var amountFen: Int64
        var catalogVersion: Int

        static func < (lhs: Grant, rhs: Grant) -> Bool { lhs.program < rhs.program }
    }

    @Test("a version added over HTTP applies to the next identified student; grants made before keep version 1")
    func addedVersionApplies() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let disbursement = try await world.start("disbursement")
            let op = try await HTTP.token(.operator, subject: "operator-wang")
            let autumn = Semester(year: 2026, term: .autumn)
            #expect(try await HTTP.post("\(disbursement.baseURL)/v1/semesters", token: op, json: ["semester": "\(autumn)"]).status == 200)
            let topic = world.topic(Topic.identification.name)
            let schema = world.schema("disbursement")
            func grants(of students: IdentifiedStudents) async throws -> [Grant] {
                let id = try #require(students.students.first?.id)
                let granted = try await SuiteWorld.eventually {
                    try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).entitlements WHERE student_id = '\(id)'") == Int64(students.expectedEntitlementCount)
                }
                #expect(granted, "\(id) was not granted \(students.expectedEntitlementCount) entitlements")
                return try await TestEnvironment.withPostgres { client in
                    var rows: [Grant] = []
                    let query = "SELECT program_code, amount_fen, catalog_version FROM \(schema).entitlements WHERE student_id = '\(id)'"
                    for try await (program, amount, version) in try await client.query(.init(unsafeSQL: query), logger: TestEnvironment.logger).decode((String, Int64, Int).self) {
                        rows.append(Grant(program: program, amountFen: amount, catalogVersion: version))
                    }
                    return rows.sorted()
                }
            }
            // The same stage and tier before and after, so only the catalog differs.
            let before = IdentifiedStudents(count: 1, prefix: "CAT-BEFORE")
            try await EventPublisher.send(try before.messages(topic: topic))
            let standard = try await grants(of: before)
            #expect(!standard.isEmpty && standard.allSatisfy { $0.catalogVersion == 1 }, "\(standard)")

            var raised = GrantCatalog.standard
            raised.version = 2
            raised.effectiveFrom = autumn
            raised.programs = raised.programs.map { program in
                var program = program
                program.amounts = program.amounts.map { amount in
                    var amount = amount
                    amount.amountFen *= 2
                    return amount
                }
                return program
            }
            let added = try await HTTP.send("POST", "\(disbursement.baseURL)/v1/catalog", token: op, body: try JSONEncoder().encode(raised))
            #expect(added.status == 201, "\(added.text)")

            let after = IdentifiedStudents(count: 1, prefix: "CAT-AFTER")
            try await EventPublisher.send(try after.messages(topic: topic))
            let doubled = standard.map { Grant(program: $0.program, amountFen: $0.amountFen * 2, catalogVersion: 2) }
            #expect(try await grants(of: after) == doubled)
            #expect(try await grants(of: before) == standard, "grants made before the new version changed")
        }
    }
}
