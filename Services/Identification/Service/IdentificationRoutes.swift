import AidContracts
import Foundation
import Hummingbird
import IdentificationDomain
import PostgresNIO
import ServiceRuntime

/// The identification HTTP API under `/v1`. Every route names the roles it admits.
struct IdentificationRoutes: Sendable {
    let context: ServiceContext
    let vault: PersonalDataVault

    struct NewVisit: Decodable {
        var verdict: VerificationVerdict
        var visitedOn: String
        var notes: String?
    }

    struct NewParentReview: Decodable {
        var outcome: ParentReviewOutcome
        var reviewedOn: String
    }

    struct RosterChange: Decodable {
        var toSchoolId: String?
        var effectiveDate: String
    }

    struct Revocation: Decodable { var reason: String }

    struct SchoolClosure: Decodable {
        var successorSchoolId: String?
        var effectiveDate: String
    }

    func add(to api: RouterGroup<AidRequestContext>) {
        let imports = RosterImport(context: context, vault: vault)
        for kind in ["schools", "students", "registry"] {
            api.post("\(kind)/import") { request, requestContext -> Response in
                try requestContext.require(.operator, .bureauOfficer, .schoolStaff)
                let format = try Self.format(of: request)
                let mode = try Self.mode(of: request)
                let data = Data(buffer: try await request.body.collect(upTo: requestContext.maxUploadSize))
                let report = switch kind {
                case "schools": try await imports.importSchools(data, format: format, mode: mode)
                case "students": try await imports.importStudents(data, format: format, mode: mode)
                default: try await imports.importRegistry(data, format: format, mode: mode)
                }
                return try Self.json(report)
            }
        }
        api.post("schools/{id}/close") { request, requestContext -> Response in
            try requestContext.require(.bureauOfficer, .operator)
            let body = try await request.decodeJSON(as: SchoolClosure.self, context: requestContext)
            try await SchoolClosing(context: context).close(
                schoolId: try requestContext.parameters.require("id"), successorSchoolId: body.successorSchoolId, effectiveDate: body.effectiveDate)
            return Response(status: .noContent)
        }
        let applications = ApplicationImport(context: context)
        api.post("applications") { request, requestContext -> Response in
            let caller = try requestContext.require(.schoolStaff, .bureauOfficer, .operator)
            let body = try await request.decodeJSON(as: ApplicationSubmission.self, context: requestContext)
            if body.visit != nil || body.parentReview != nil {
                // Checks are made by the people who visit and review, not by whoever keys in the form.
                try requestContext.require(.schoolStaff, .bureauOfficer)
            }
            _ = try await applications.submit(body, recordedBy: caller.subject)
            return Response(status: .created)
        }
        api.post("applications/import") { request, requestContext -> Response in
            let caller = try requestContext.require(.schoolStaff, .bureauOfficer)
            guard try Self.format(of: request) == .json else {
                throw APIError.badRequest("Content-Type", "applications are imported as a JSON array (application/json); a survey does not fit a CSV row")
            }
            let mode = try Self.mode(of: request)
            let data = Data(buffer: try await request.body.collect(upTo: requestContext.maxUploadSize))
            return try Self.json(try await applications.importApplications(data, mode: mode, recordedBy: caller.subject))
        }
        api.post("applications/{id}/visits") { request, requestContext -> Response in
            let caller = try requestContext.require(.bureauOfficer, .schoolStaff)
            let id = try requestContext.parameters.require("id")
            let body = try await request.decodeJSON(as: NewVisit.self, context: requestContext)
            guard CalendarDay(iso: body.visitedOn) != nil else { throw APIError.badRequest("visitedOn", "must be a date yyyy-MM-dd") }
            let summary = try await recordForApplication(id) { connection in
                try await connection.run("""
                    INSERT INTO verification_visits (application_id, verdict, visited_on, visitor, notes)
                    VALUES (\(id), \(body.verdict.rawValue), \(body.visitedOn)::date, \(caller.subject), \(body.notes))
                    """)
            }
            return try Self.json(summary, status: .created)
        }
        api.post("applications/{id}/parent-review") { request, requestContext -> Response in
            let caller = try requestContext.require(.bureauOfficer, .schoolStaff)
            let id = try requestContext.parameters.require("id")
            let body = try await request.decodeJSON(as: NewParentReview.self, context: requestContext)
            guard CalendarDay(iso: body.reviewedOn) != nil else { throw APIError.badRequest("reviewedOn", "must be a date yyyy-MM-dd") }
            let summary = try await recordForApplication(id) { connection in
                try await connection.run("""
                    INSERT INTO parent_reviews (application_id, outcome, reviewed_on, recorded_by)
                    VALUES (\(id), \(body.outcome.rawValue), \(body.reviewedOn)::date, \(caller.subject))
                    """)
            }
            return try Self.json(summary, status: .created)
        }
        api.post("identification/runs") { _, requestContext -> Response in
            try requestContext.require(.bureauOfficer, .operator)
            return try Self.json(try await IdentificationRun(context: context).runAll())
        }
        api.get("identification/gaps") { _, requestContext -> Response in
            try requestContext.require(.bureauOfficer, .operator, .auditor, .inspector)
            return try Self.json(try await IdentificationRun(context: context).gaps())
        }
        api.get("students/{id}") { _, requestContext -> Response in
            let caller = try requestContext.require(.bureauOfficer, .operator, .auditor, .inspector, .schoolStaff)
            let id = try requestContext.parameters.require("id")
            guard let view = try await StudentView.load(id, database: context.database, vault: vault, revealPersonalData: caller.role == .bureauOfficer || caller.role == .auditor) else {
                throw APIError.notFound("id", "no student '\(id)' on the roster")
            }
            return try Self.json(view)
        }
        for change in ["transfer", "withdraw", "graduate"] {
            api.post("students/{id}/\(change)") { request, requestContext -> Response in
                try requestContext.require(.schoolStaff, .bureauOfficer, .operator)
                let id = try requestContext.parameters.require("id")
                let body = try await request.decodeJSON(as: RosterChange.self, context: requestContext)
                try await RosterChanges(context: context).apply(change, studentId: id, toSchoolId: body.toSchoolId, effectiveDate: body.effectiveDate)
                return Response(status: .noContent)
            }
        }
        api.post("students/{id}/revoke") { request, requestContext -> Response in
            try requestContext.require(.bureauOfficer, .inspector)
            let id = try requestContext.parameters.require("id")
            let body = try await request.decodeJSON(as: Revocation.self, context: requestContext)
            guard !body.reason.isEmpty, body.reason.count <= 200 else { throw APIError.badRequest("reason", "must be 1–200 characters") }
            try await context.transaction { connection, outbox in
                let engine = IdentificationEngine(connection: connection)
                let decisionId = try await engine.record(id, outcome: "revoked", tier: nil, decision: IdentificationDecision(outcome: .notEligible(evidence: ["manual:\(body.reason)"]), ruleVersion: "manual"), evidence: ["manual-revocation"])
                try await engine.revoke(id, decisionId: decisionId, reason: body.reason, outbox: &outbox)
            }
            return Response(status: .noContent)
        }
        api.get("rules") { _, requestContext -> Response in
            try requestContext.require(.bureauOfficer, .operator, .auditor, .inspector)
            let rules = try await context.database.transaction { try await IdentificationEngine.activeRules(on: $0) }
            return try Self.json(rules)
        }
        api.post("rules") { request, requestContext -> Response in
            let caller = try requestContext.require(.bureauOfficer)
            let rules = try await request.decodeJSON(as: TierRules.self, context: requestContext)
            let problems = rules.validate()
            guard problems.isEmpty else {
                throw APIError(.unprocessableContent, problems: problems.map { APIError.Problem(field: $0.field, rule: $0.rule) })
            }
            let json = String(decoding: try JSONEncoder().encode(rules), as: UTF8.self)
            try await context.transaction { connection, _ in
                guard try await !Self.exists("tier_rules", "version", rules.version, on: connection) else {
                    throw APIError.conflict("version", "rules version \(rules.version) exists; versions are added, never replaced")
                }
                try await connection.run("UPDATE tier_rules SET active = false WHERE active")
                try await connection.run("""
                    INSERT INTO tier_rules (version, rules, active, created_by) VALUES (\(rules.version), \(json)::jsonb, true, \(caller.subject))
                    """)
            }
            return Response(status: .created)
        }
    }

    private func recordForApplication(_ id: String, _ write: @escaping (PostgresConnection) async throws -> Void) async throws -> IdentificationEngine.Summary {
        try await context.transaction { connection, outbox in
            let rows = try await connection.run("SELECT student_id FROM applications WHERE application_id = \(id)").collect()
            guard let studentId = try rows.first?.decode(String.self) else {
                throw APIError.notFound("id", "no application '\(id)'")
            }
            try await write(connection)
            return try await IdentificationEngine(connection: connection).decide(studentIds: [studentId], outbox: &outbox)
        }
    }

    static func exists(_ table: String, _ column: String, _ value: String, on connection: PostgresConnection) async throws -> Bool {
        var query = PostgresQuery(unsafeSQL: "SELECT 1 FROM \(table) WHERE \(column) = $1")
        query.binds.append(value)
        return try await !connection.run(query).collect().isEmpty
    }

    private static func mode(of request: Request) throws -> RosterImport.Mode {
        let text = request.uri.queryParameters.get("mode") ?? RosterImport.Mode.allOrNothing.rawValue
        guard let mode = RosterImport.Mode(rawValue: text) else {
            throw APIError.badRequest("mode", "must be all-or-nothing or valid-rows; got '\(text)'")
        }
        return mode
    }

    private static func format(of request: Request) throws -> ImportFormat {
        if let explicit = request.uri.queryParameters.get("format") {
            guard let format = ImportFormat(rawValue: explicit) else { throw APIError.badRequest("format", "must be csv or json; got '\(explicit)'") }
            return format
        }
        let type = request.headers[.contentType] ?? ""
        if type.hasPrefix("application/json") { return .json }
        if type.hasPrefix("text/csv") { return .csv }
        throw APIError.badRequest("Content-Type", "must be text/csv or application/json (or pass ?format=csv|json)")
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
