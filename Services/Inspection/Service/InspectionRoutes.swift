import AidContracts
import Foundation
import Hummingbird
import InspectionDomain
import ServiceRuntime

/// The inspection HTTP API under `/v1`. Inspectors run campaigns, sign reviews and record findings;
/// re-checks are done by inspectors, bureau officers and school staff; auditors read everything.
struct InspectionRoutes: Sendable {
    let context: ServiceContext

    func add(to api: RouterGroup<AidRequestContext>) {
        let board = ReviewBoard(context: context)
        let rechecks = RecheckDesk(context: context)
        let findings = FindingDesk(context: context)
        let care = CareMonitoring(context: context)

        api.post("campaigns") { request, requestContext -> Response in
            let caller = try requestContext.require(.inspector, .bureauOfficer)
            try await board.createCampaign(try await request.decodeJSON(as: CampaignDraft.self, context: requestContext), by: caller.subject)
            return Response(status: .created)
        }
        api.get("campaigns/{id}") { _, requestContext in
            try requestContext.require(.inspector, .bureauOfficer, .auditor)
            return try await board.campaign(try requestContext.parameters.require("id"))
        }
        api.post("campaigns/{id}/teams") { request, requestContext -> Response in
            try requestContext.require(.inspector, .bureauOfficer)
            try await board.addTeam(campaignId: try requestContext.parameters.require("id"), try await request.decodeJSON(as: ReviewTeam.self, context: requestContext))
            return Response(status: .created)
        }
        api.post("campaigns/{id}/reviews") { request, requestContext in
            try requestContext.require(.inspector, .bureauOfficer)
            let body = try await request.decodeJSON(as: ReviewBoard.Assignment.self, context: requestContext)
            return EditedResponse(status: .created, response: try await board.assign(campaignId: try requestContext.parameters.require("id"), body))
        }
        api.post("campaigns/{id}/assignments") { _, requestContext in
            try requestContext.require(.inspector, .bureauOfficer)
            return try await board.plan(campaignId: try requestContext.parameters.require("id"))
        }
        api.get("reviews/{id}") { _, requestContext in
            try requestContext.require(.inspector, .bureauOfficer, .auditor)
            return try await board.review(try requestContext.parameters.require("id"))
        }
        api.post("reviews/{id}/result") { request, requestContext in
            let caller = try requestContext.require(.inspector)
            let body = try await request.decodeJSON(as: ReviewResult.self, context: requestContext)
            return try await board.recordResult(reviewId: try requestContext.parameters.require("id"), body, by: caller.subject)
        }
        api.post("reviews/{id}/signatures") { _, requestContext in
            let caller = try requestContext.require(.inspector)
            return try await board.sign(reviewId: try requestContext.parameters.require("id"), by: caller.subject, on: .today())
        }
        api.get("year-end-scores") { request, requestContext in
            try requestContext.require(.inspector, .bureauOfficer, .auditor)
            return try await board.yearEndScores(year: try Self.year(request), schoolId: request.uri.queryParameters.get("schoolId"))
        }

        api.get("rechecks") { request, requestContext in
            try requestContext.require(.inspector, .bureauOfficer, .auditor, .schoolStaff)
            let status = request.uri.queryParameters.get("status")
            if let status, !["open", "completed"].contains(status) {
                throw APIError.badRequest("status", "must be open or completed; got '\(status)'")
            }
            let filter = RecheckDesk.Filter(
                semester: try Self.semester(request), status: status, schoolId: request.uri.queryParameters.get("schoolId"), overdueOn: nil)
            return try await rechecks.tasks(filter, today: .today())
        }
        api.get("rechecks/overdue") { request, requestContext in
            try requestContext.require(.inspector, .bureauOfficer, .auditor, .schoolStaff)
            var asOf = CalendarDay.today()
            if let text = request.uri.queryParameters.get("asOf") {
                guard let day = CalendarDay(iso: text) else { throw APIError.badRequest("asOf", "must be a date yyyy-MM-dd; got '\(text)'") }
                asOf = day
            }
            let filter = RecheckDesk.Filter(
                semester: try Self.semester(request), status: nil, schoolId: request.uri.queryParameters.get("schoolId"), overdueOn: asOf)
            return try await rechecks.tasks(filter, today: asOf)
        }
        api.post("rechecks/{id}/complete") { request, requestContext in
            let caller = try requestContext.require(.inspector, .bureauOfficer, .schoolStaff)
            let body = try await request.decodeJSON(as: RecheckDesk.Report.self, context: requestContext)
            return try await rechecks.complete(taskId: try requestContext.parameters.require("id"), body, by: caller.subject, today: .today())
        }
        api.get("rechecks/coverage") { request, requestContext in
            try requestContext.require(.inspector, .bureauOfficer, .auditor, .schoolStaff)
            return try await rechecks.coverage(try Self.requiredSemester(request))
        }
        api.post("semesters/{semester}/close") { _, requestContext in
            let caller = try requestContext.require(.inspector, .bureauOfficer)
            let text = try requestContext.parameters.require("semester")
            guard let semester = Semester(text) else { throw APIError.badRequest("semester", "must look like 2026-autumn or 2027-spring; got '\(text)'") }
            return try await rechecks.close(semester, by: caller.subject)
        }

        api.post("findings") { request, requestContext in
            let caller = try requestContext.require(.inspector)
            let body = try await request.decodeJSON(as: FindingDraft.self, context: requestContext)
            return EditedResponse(status: .created, response: try await findings.record(body, by: caller.subject, on: .today()))
        }
        api.get("findings") { request, requestContext in
            try requestContext.require(.inspector, .bureauOfficer, .auditor)
            return try await findings.findings(studentId: request.uri.queryParameters.get("studentId"), schoolId: request.uri.queryParameters.get("schoolId"))
        }
        api.get("findings/{id}") { _, requestContext in
            // The accountability record names people: only those who act on it or audit it see it.
            try requestContext.require(.inspector, .bureauOfficer, .auditor)
            return try await findings.finding(try requestContext.parameters.require("id"))
        }
        api.get("clawbacks/{id}") { _, requestContext in
            try requestContext.require(.inspector, .bureauOfficer, .auditor)
            return try await findings.order(try requestContext.parameters.require("id"))
        }

        api.post("care/measures") { request, requestContext -> Response in
            let caller = try requestContext.require(.schoolStaff, .bureauOfficer)
            try await care.record(try await request.decodeJSON(as: CareMonitoring.Delivery.self, context: requestContext), by: caller.subject, today: .today())
            return Response(status: .created)
        }
        api.get("care/gaps") { request, requestContext in
            try requestContext.require(.inspector, .bureauOfficer, .auditor, .schoolStaff)
            return try await care.gaps(semester: try Self.requiredSemester(request), schoolId: request.uri.queryParameters.get("schoolId"))
        }
        api.get("care/students/{id}") { request, requestContext in
            try requestContext.require(.inspector, .bureauOfficer, .auditor, .schoolStaff)
            return try await care.checklist(studentId: try requestContext.parameters.require("id"), semester: try Self.requiredSemester(request))
        }
    }

    private static func semester(_ request: Request) throws -> Semester? {
        guard let text = request.uri.queryParameters.get("semester") else { return nil }
        guard let semester = Semester(text) else { throw APIError.badRequest("semester", "must look like 2026-autumn or 2027-spring; got '\(text)'") }
        return semester
    }

    private static func requiredSemester(_ request: Request) throws -> Semester {
        guard let semester = try semester(request) else {
            throw APIError.badRequest("semester", "is required as a query parameter, e.g. ?semester=2026-autumn")
        }
        return semester
    }

    private static func year(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("year") else { throw APIError.badRequest("year", "is required as a query parameter") }
        guard let year = Int(text), (2000...2200).contains(year) else {
            throw APIError.badRequest("year", "must be a year between 2000 and 2200; got '\(text)'")
        }
        return year
    }
}
