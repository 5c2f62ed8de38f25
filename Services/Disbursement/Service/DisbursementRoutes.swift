import AidContracts
import DisbursementDomain
import Foundation
import Hummingbird
import PostgresNIO
import ServiceRuntime

/// The disbursement HTTP API under `/v1`. Every route names the roles it admits.
struct DisbursementRoutes: Sendable {
    let context: ServiceContext
    var operations: PaymentOperations { PaymentOperations(context: context) }

    struct OpenSemester: Decodable { var semester: Semester }
    struct PrepareBatches: Decodable { var semester: Semester; var schoolId: String? }

    func add(to api: RouterGroup<AidRequestContext>) {
        api.get("catalog") { _, requestContext in
            try requestContext.require(.bureauOfficer, .operator, .auditor, .inspector)
            return try await context.database.transaction { connection in
                try await DisbursementStore(connection: connection).catalogs()
            }.map(CatalogResponse.init)
        }
        api.post("catalog") { request, requestContext in
            let caller = try requestContext.require(.bureauOfficer, .operator)
            let body = try await request.body.collect(upTo: requestContext.maxUploadSize)
            let catalog: GrantCatalog
            do {
                catalog = try GrantCatalog.parse(json: Data(buffer: body))
            } catch let error as CatalogRejection {
                throw APIError(.unprocessableContent, problems: error.errors.map { APIError.Problem(field: $0.field, rule: $0.message) })
            }
            try await CatalogSeeding.add(catalog, by: caller.subject, context: context)
            return Response(status: .created)
        }
        api.get("semesters") { _, requestContext in
            try requestContext.require(.bureauOfficer, .operator, .auditor, .inspector)
            return try await context.database.transaction { connection in
                try await DisbursementStore(connection: connection).openSemesters().map(\.description)
            }
        }
        api.post("semesters") { request, requestContext in
            let caller = try requestContext.require(.bureauOfficer, .operator)
            let body = try await request.decodeJSON(as: OpenSemester.self, context: requestContext)
            let granted = try await SemesterOpening(context: context).open(body.semester, by: caller.subject)
            return ["semester": body.semester.description, "entitlementsGranted": "\(granted)"]
        }
        api.post("batches") { request, requestContext in
            let caller = try requestContext.require(.bureauOfficer, .operator, .schoolStaff)
            let body = try await request.decodeJSON(as: PrepareBatches.self, context: requestContext)
            return try await operations.prepare(semester: body.semester, schoolId: body.schoolId, preparedBy: caller.subject)
        }
        api.get("batches") { request, requestContext in
            try requestContext.require(.bureauOfficer, .operator, .auditor, .inspector, .schoolStaff)
            let state = request.uri.queryParameters.get("state")
            let semester = request.uri.queryParameters.get("semester")
            var ids: [String] = []
            let rows = try await context.database.query("""
                SELECT batch_id FROM payment_batches
                WHERE (\(state)::text IS NULL OR status = \(state)) AND (\(semester)::text IS NULL OR semester = \(semester))
                ORDER BY batch_id
                """)
            for try await id in rows.decode(String.self) { ids.append(id) }
            var summaries: [PaymentOperations.BatchSummary] = []
            for id in ids { summaries.append(try await operations.summary(batchId: id)) }
            return summaries
        }
        api.get("batches/{id}") { _, requestContext in
            try requestContext.require(.bureauOfficer, .operator, .auditor, .inspector, .schoolStaff)
            return try await operations.summary(batchId: try requestContext.parameters.require("id"))
        }
        api.post("batches/{id}/approve") { _, requestContext in
            let caller = try requestContext.require(.bureauOfficer)
            return try await operations.approve(batchId: try requestContext.parameters.require("id"), approver: caller.subject)
        }
        api.post("batches/{id}/send") { _, requestContext in
            try requestContext.require(.bureauOfficer, .operator)
            return try await operations.send(batchId: try requestContext.parameters.require("id"))
        }
        api.post("batches/{id}/retry") { _, requestContext in
            let caller = try requestContext.require(.bureauOfficer, .operator)
            return try await operations.retry(batchId: try requestContext.parameters.require("id"), preparedBy: caller.subject)
        }
        api.post("batches/{id}/confirmations") { request, requestContext in
            try requestContext.require(.bureauOfficer, .operator)
            let body = try await request.body.collect(upTo: requestContext.maxUploadSize)
            switch try await operations.applyConfirmation(String(buffer: body), expectedBatchId: try requestContext.parameters.require("id")) {
            case .applied(let summary): return summary
            case .alreadyApplied(let summary): return summary
            }
        }
        api.get("batches/{id}/files/{attempt}") { _, requestContext -> Response in
            try requestContext.require(.bureauOfficer, .operator, .auditor)
            let id = try requestContext.parameters.require("id")
            let attempt = try requestContext.parameters.require("attempt", as: Int.self)
            let rows = try await context.database.query("SELECT content FROM payment_files WHERE batch_id = \(id) AND attempt = \(attempt)").collect()
            guard let content = try rows.first?.decode(String.self) else {
                throw APIError.notFound("attempt", "batch \(id) has no payment file for attempt \(attempt)")
            }
            return Response(status: .ok, headers: [.contentType: "text/csv"], body: .init(byteBuffer: ByteBuffer(string: content)))
        }
        api.get("entitlements") { request, requestContext in
            try requestContext.require(.bureauOfficer, .operator, .auditor, .inspector)
            guard let studentId = request.uri.queryParameters.get("studentId") else {
                throw APIError.badRequest("studentId", "is required as a query parameter")
            }
            var result: [EntitlementView] = []
            let rows = try await context.database.query("""
                SELECT entitlement_id, program_code, semester, amount_fen, status FROM entitlements
                WHERE student_id = \(studentId) ORDER BY semester, program_code
                """)
            for try await (id, program, semester, amount, status) in rows.decode((String, String, String, Int64, String).self) {
                result.append(EntitlementView(entitlementId: id, programCode: program, semester: semester, amountFen: amount, status: status))
            }
            return result
        }
        api.get("ledger/totals") { request, requestContext in
            try requestContext.require(.bureauOfficer, .operator, .auditor, .inspector)
            let dimension = request.uri.queryParameters.get("by") ?? "program"
            guard let column = LedgerTotalsView.columns[dimension] else {
                throw APIError.badRequest("by", "must be one of \(LedgerTotalsView.columns.keys.sorted().joined(separator: ", ")); got '\(dimension)'")
            }
            return try await LedgerTotalsView.load(by: column, dimension: dimension, database: context.database)
        }
    }
}

struct CatalogResponse: ResponseCodable {
    var version: Int
    var effectiveFrom: String
    var programs: [GrantProgram]

    init(_ catalog: GrantCatalog) {
        version = catalog.version
        effectiveFrom = catalog.effectiveFrom.description
        programs = catalog.programs
    }
}

struct EntitlementView: ResponseCodable {
    var entitlementId: String
    var programCode: String
    var semester: String
    var amountFen: Fen
    var status: String
}

/// Ledger totals by one dimension, with the grand total and entry count, all in fen.
struct LedgerTotalsView: ResponseCodable {
    static let columns = ["program": "program_code", "school": "school_id", "town": "town_code", "semester": "semester"]

    struct Row: Codable, Sendable { var key: String; var amountFen: Fen; var entries: Int; var students: Int }

    var by: String
    var rows: [Row]
    var totalFen: Fen
    var entries: Int
    var studentTimes: Int

    static func load(by column: String, dimension: String, database: Database) async throws -> LedgerTotalsView {
        var rows: [Row] = []
        let sequence = try await database.query(PostgresQuery(unsafeSQL: """
            SELECT \(column), sum(amount_fen)::bigint, count(*)::int, count(DISTINCT student_id)::int FROM ledger GROUP BY \(column) ORDER BY \(column)
            """))
        for try await (key, amount, entries, students) in sequence.decode((String, Int64, Int, Int).self) {
            rows.append(Row(key: key, amountFen: amount, entries: entries, students: students))
        }
        let totals = try await database.query("""
            SELECT coalesce(sum(amount_fen), 0)::bigint, count(*)::int, count(DISTINCT (student_id, semester))::int FROM ledger
            """).collect()
        let (total, entries, studentTimes) = try totals.first?.decode((Int64, Int, Int).self) ?? (Int64(0), 0, 0)
        return LedgerTotalsView(by: dimension, rows: rows, totalFen: total, entries: entries, studentTimes: studentTimes)
    }
}
