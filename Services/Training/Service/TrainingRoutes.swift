import AidContracts
import Foundation
import Hummingbird
import PostgresNIO
import ServiceRuntime
import TrainingDomain

/// The training HTTP API under `/v1`. Bureau officers and operators set up centres, courses and
/// sessions; centre staff (the `school-staff` role) register trainees, enrol them, take roll calls
/// and record exams; auditors and inspectors read.
struct TrainingRoutes: Sendable {
    let context: ServiceContext

    struct Registered: ResponseCodable {
        var traineeId: String
        var prioritized: Bool
    }

    struct EnrolmentRequest: Decodable { var traineeId: String }
    struct CapacityChange: Decodable { var capacity: Int }

    /// Those who run the training see trainees' names; nobody else needs them.
    static func revealsNames(_ caller: Caller) -> Bool {
        caller.role == .schoolStaff || caller.role == .bureauOfficer
    }

    func add(to api: RouterGroup<AidRequestContext>) {
        let catalogue = TrainingCatalogue(context: context)
        let desk = EnrolmentDesk(context: context)
        let records = ClassRecords(context: context)
        let readers: [Role] = [.bureauOfficer, .operator, .schoolStaff, .auditor, .inspector]

        api.post("centres") { request, requestContext -> Response in
            let caller = try requestContext.require(.bureauOfficer, .operator)
            try await catalogue.addCentre(try await request.decodeJSON(as: CentreDraft.self, context: requestContext), by: caller.subject)
            return Response(status: .created)
        }
        api.get("centres") { _, requestContext in
            try Self.require(readers, requestContext)
            return try await catalogue.centres()
        }
        api.post("courses") { request, requestContext -> Response in
            try requestContext.require(.bureauOfficer, .operator)
            try await catalogue.addCourse(try await request.decodeJSON(as: CourseDraft.self, context: requestContext))
            return Response(status: .created)
        }
        api.get("courses") { request, requestContext in
            try Self.require(readers, requestContext)
            return try await catalogue.courses(centreId: request.uri.queryParameters.get("centreId"))
        }
        api.post("sessions") { request, requestContext -> Response in
            try requestContext.require(.bureauOfficer, .operator)
            try await catalogue.addSession(try await request.decodeJSON(as: SessionDraft.self, context: requestContext))
            return Response(status: .created)
        }
        api.get("sessions/{id}") { _, requestContext in
            try Self.require(readers, requestContext)
            let id = try requestContext.parameters.require("id")
            guard let view = try await SessionView.load(id, database: context.database) else {
                throw APIError.notFound("id", "no session '\(id)'")
            }
            return view
        }
        api.post("sessions/{id}/capacity") { request, requestContext in
            try requestContext.require(.bureauOfficer, .operator)
            let body = try await request.decodeJSON(as: CapacityChange.self, context: requestContext)
            return try await desk.resize(sessionId: try requestContext.parameters.require("id"), capacity: body.capacity)
        }
        api.post("sessions/{id}/enrolments") { request, requestContext in
            let caller = try requestContext.require(.schoolStaff, .bureauOfficer, .operator)
            let body = try await request.decodeJSON(as: EnrolmentRequest.self, context: requestContext)
            let receipt = try await desk.enrol(sessionId: try requestContext.parameters.require("id"), traineeId: body.traineeId, by: caller.subject)
            return EditedResponse(status: .created, response: receipt)
        }
        api.post("enrolments/{id}/withdraw") { _, requestContext in
            try requestContext.require(.schoolStaff, .bureauOfficer, .operator)
            return try await desk.withdraw(enrolmentId: try requestContext.parameters.require("id"))
        }
        api.post("sessions/{id}/attendance") { request, requestContext in
            let caller = try requestContext.require(.schoolStaff, .bureauOfficer)
            let body = try await request.decodeJSON(as: ClassRecords.RollCall.self, context: requestContext)
            return try await records.recordRollCall(sessionId: try requestContext.parameters.require("id"), body, by: caller.subject, today: .today())
        }
        api.post("sessions/{id}/exam-results") { request, requestContext in
            let caller = try requestContext.require(.schoolStaff, .bureauOfficer)
            let body = try await request.decodeJSON(as: ClassRecords.ExamSheet.self, context: requestContext)
            let results = try await records.recordExam(sessionId: try requestContext.parameters.require("id"), body, by: caller.subject, today: .today())
            return EditedResponse(status: .created, response: results)
        }
        api.post("trainees") { request, requestContext in
            let caller = try requestContext.require(.schoolStaff, .bureauOfficer, .operator)
            let body = try await request.decodeJSON(as: TraineeDraft.self, context: requestContext)
            return EditedResponse(status: .created, response: try await register(body, by: caller.subject))
        }
        api.get("trainees/{id}") { _, requestContext in
            let caller = try Self.require(readers, requestContext)
            let id = try requestContext.parameters.require("id")
            guard let view = try await TraineeView.load(id, revealName: Self.revealsNames(caller), database: context.database, vault: context.vault) else {
                throw APIError.notFound("id", "no trainee '\(id)'")
            }
            return view
        }
        api.get("certificates/{id}") { _, requestContext in
            let caller = try Self.require(readers, requestContext)
            let id = try requestContext.parameters.require("id")
            guard let view = try await CertificateView.load(id, revealName: Self.revealsNames(caller), database: context.database, vault: context.vault) else {
                throw APIError.notFound("id", "no certificate '\(id)'")
            }
            return view
        }
        api.get("pass-rates") { request, requestContext in
            try Self.require(readers, requestContext)
            let byText = request.uri.queryParameters.get("by") ?? PassRate.Dimension.course.rawValue
            guard let dimension = PassRate.Dimension(rawValue: byText) else {
                throw APIError.badRequest("by", "must be one of \(PassRate.Dimension.allCases.map(\.rawValue).joined(separator: ", ")); got '\(byText)'")
            }
            var year: Int?
            if let yearText = request.uri.queryParameters.get("year") {
                guard let parsed = Int(yearText), (2000...2200).contains(parsed) else {
                    throw APIError.badRequest("year", "must be a year between 2000 and 2200; got '\(yearText)'")
                }
                year = parsed
            }
            return try await PassRateReport.load(by: dimension, year: year, database: context.database)
        }
    }

    /// A new trainee gets an opaque id; nothing identifying leaves this schema.
    private func register(_ trainee: TraineeDraft, by actor: String) async throws -> Registered {
        try trainee.validate().throwIfAny()
        let traineeId = "TRN-\(UUID().uuidString.prefix(13).lowercased())"
        let sealedName = try context.vault.seal(trainee.name.trimmingCharacters(in: .whitespacesAndNewlines))
        let rows = try await context.database.query("""
            INSERT INTO trainees (trainee_id, full_name_sealed, town_code, household_id, registered_by)
            VALUES (\(traineeId), \(sealedName), \(trainee.townCode), \(trainee.householdId), \(actor))
            RETURNING household_id IS NOT NULL AND EXISTS (
                SELECT 1 FROM identified_students i WHERE i.household_id = \(trainee.householdId) AND i.active)
            """).collect()
        return Registered(traineeId: traineeId, prioritized: try rows.first?.decode(Bool.self) ?? false)
    }

    @discardableResult
    private static func require(_ roles: [Role], _ context: AidRequestContext) throws -> Caller {
        guard let caller = context.caller else {
            throw APIError(.unauthorized, field: "Authorization", rule: "a bearer token is required")
        }
        guard roles.contains(caller.role) else {
            throw APIError(.forbidden, field: "role", rule: "role '\(caller.role.rawValue)' may not do this; allowed: \(roles.map(\.rawValue).joined(separator: ", "))")
        }
        return caller
    }
}
