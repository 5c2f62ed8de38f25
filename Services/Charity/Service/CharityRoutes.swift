import AidContracts
import CharityDomain
import Hummingbird
import ServiceRuntime

/// The charity HTTP API under `/v1`. Bureau officers and operators record assessments and pledges,
/// run matching and record deliveries; school staff (or an officer) confirm acceptance; auditors
/// and inspectors read everything.
struct CharityRoutes: Sendable {
    let context: ServiceContext

    struct Delivery: Decodable { var deliveredOn: String }
    struct Acceptance: Decodable { var acceptedOn: String }

    func add(to api: RouterGroup<AidRequestContext>) {
        let assessments = AssessmentDesk(context: context)
        let pledges = PledgeBook(context: context)
        let deliveries = AllocationDesk(context: context)

        api.post("assessments") { request, requestContext in
            let caller = try requestContext.require(.bureauOfficer, .operator)
            let draft = try await request.decodeJSON(as: AssessmentDraft.self, context: requestContext)
            return EditedResponse(status: .created, response: try await assessments.record(draft, by: caller.subject))
        }
        api.get("assessments/{id}") { _, requestContext in
            try Self.requireReader(requestContext)
            let id = try requestContext.parameters.require("id")
            guard let view = try await context.database.transaction({ try await AssessmentView.load(id, on: $0) }) else {
                throw APIError.notFound("id", "no assessment '\(id)'")
            }
            return view
        }
        api.get("needs") { request, requestContext in
            try Self.requireReader(requestContext)
            let filter = NeedView.Filter(
                schoolId: request.uri.queryParameters.get("schoolId"), assessmentId: request.uri.queryParameters.get("assessmentId"),
                status: try Self.status(request, allowed: NeedView.statuses))
            return try await context.database.transaction { try await NeedView.load(filter, on: $0) }
        }
        api.post("pledges") { request, requestContext in
            let caller = try requestContext.require(.bureauOfficer, .operator)
            let draft = try await request.decodeJSON(as: PledgeDraft.self, context: requestContext)
            return EditedResponse(status: .created, response: try await pledges.record(draft, by: caller.subject))
        }
        api.get("pledges/{id}") { _, requestContext in
            try Self.requireReader(requestContext)
            let id = try requestContext.parameters.require("id")
            guard let view = try await context.database.transaction({ try await PledgeView.load(id, on: $0) }) else {
                throw APIError.notFound("id", "no pledge '\(id)'")
            }
            return view
        }
        api.post("matching-runs") { _, requestContext in
            let caller = try requestContext.require(.bureauOfficer, .operator)
            return try await MatchingRun(context: context).run(by: caller.subject)
        }
        api.get("allocations") { request, requestContext in
            try Self.requireReader(requestContext)
            let filter = AllocationView.Filter(
                schoolId: request.uri.queryParameters.get("schoolId"), runId: request.uri.queryParameters.get("runId"),
                status: try Self.status(request, allowed: AllocationView.statuses))
            return try await context.database.transaction { try await AllocationView.load(filter, on: $0) }
        }
        api.post("allocations/{id}/delivery") { request, requestContext in
            let caller = try requestContext.require(.bureauOfficer, .operator)
            let body = try await request.decodeJSON(as: Delivery.self, context: requestContext)
            return try await deliveries.deliver(try requestContext.parameters.require("id"), on: body.deliveredOn, by: caller.subject)
        }
        api.post("allocations/{id}/acceptance") { request, requestContext in
            let caller = try requestContext.require(.schoolStaff, .bureauOfficer)
            let body = try await request.decodeJSON(as: Acceptance.self, context: requestContext)
            return try await deliveries.accept(try requestContext.parameters.require("id"), on: body.acceptedOn, by: caller.subject)
        }
        api.get("schools/{id}") { _, requestContext in
            try Self.requireReader(requestContext)
            let id = try requestContext.parameters.require("id")
            guard let school = try await context.database.transaction({ try await SchoolTotals.load(SchoolTotals.Filter(schoolId: id), on: $0) }).first else {
                throw APIError.notFound("id", "no school '\(id)' known to charity (schools come from aid.roster.v1)")
            }
            return school
        }
        api.get("totals") { _, requestContext in
            try Self.requireReader(requestContext)
            return try await context.database.transaction { try await CharityTotals.load(on: $0) }
        }
        api.get("totals/schools") { request, requestContext in
            try Self.requireReader(requestContext)
            let filter = SchoolTotals.Filter(townCode: request.uri.queryParameters.get("townCode"))
            return try await context.database.transaction { try await SchoolTotals.load(filter, on: $0) }
        }
    }

    private static func requireReader(_ context: AidRequestContext) throws {
        try context.require(.bureauOfficer, .operator, .schoolStaff, .auditor, .inspector)
    }

    private static func status(_ request: Request, allowed: [String]) throws -> String? {
        guard let status = request.uri.queryParameters.get("status") else { return nil }
        guard allowed.contains(status) else {
            throw APIError.badRequest("status", "must be one of \(allowed.joined(separator: ", ")); got '\(status)'")
        }
        return status
    }
}
