import AidContracts
import Foundation
import Hummingbird
import PostgresNIO
import ServiceRuntime

/// Holds placed on students after an inspection claw-back: listed for bureau officers, inspectors
/// and auditors; lifted only by a bureau officer with a reason, after which the student is decided
/// again from the current facts.
struct InspectionHoldRoutes: Sendable {
    let context: ServiceContext

    struct Hold: ResponseCodable {
        var studentId: String
        var orderId: String
        var findingId: String
        var reason: String
        var placedAt: String
    }

    struct Lift: Decodable { var reason: String }

    func add(to api: RouterGroup<AidRequestContext>) {
        api.get("inspection-holds") { _, requestContext in
            try requestContext.require(.bureauOfficer, .inspector, .auditor)
            var holds: [Hold] = []
            let rows = try await context.database.query("""
                SELECT student_id, order_id, finding_id, reason, to_char(placed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                FROM inspection_holds WHERE lifted_at IS NULL ORDER BY student_id
                """)
            for try await (studentId, orderId, findingId, reason, placedAt) in rows.decode((String, String, String, String, String).self) {
                holds.append(Hold(studentId: studentId, orderId: orderId, findingId: findingId, reason: reason, placedAt: placedAt))
            }
            return holds
        }
        api.post("students/{id}/hold/lift") { request, requestContext -> Response in
            let caller = try requestContext.require(.bureauOfficer)
            let studentId = try requestContext.parameters.require("id")
            let body = try await request.decodeJSON(as: Lift.self, context: requestContext)
            guard !body.reason.trimmingCharacters(in: .whitespaces).isEmpty, body.reason.count <= 200 else {
                throw APIError.badRequest("reason", "must be 1–200 characters")
            }
            try await context.transaction { connection, outbox in
                // Ordered against a claw-back order for the student being applied at this moment
                // (`ClawbackRevocationHandler` takes the same lock), so that order sees the lift.
                _ = try await connection.run("SELECT 1 FROM students WHERE student_id = \(studentId) FOR UPDATE").collect()
                let lifted = try await connection.run("""
                    UPDATE inspection_holds SET lifted_at = now(), lifted_by = \(caller.subject), lift_reason = \(body.reason)
                    WHERE student_id = \(studentId) AND lifted_at IS NULL RETURNING 1
                    """).collect()
                guard !lifted.isEmpty else { throw APIError.notFound("id", "student '\(studentId)' is not held") }
                _ = try await IdentificationEngine(connection: connection).decide(studentIds: [studentId], outbox: &outbox)
            }
            return Response(status: .noContent)
        }
    }
}
