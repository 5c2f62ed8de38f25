import AidContracts
import CharityDomain
import Foundation
import PostgresNIO
import ServiceRuntime

/// Records condition assessments. The newest assessment of a school states what it lacks now: the
/// needs of earlier ones stop taking units, and units already on their way move to the new needs
/// as `ReassessmentPlan` decides, so nothing is allocated twice.
struct AssessmentDesk: Sendable {
    let context: ServiceContext

    func record(_ draft: AssessmentDraft, by actor: String) async throws -> AssessmentView {
        try draft.validate().throwIfAny()
        let scores = ConditionScores(draft.checklist)
        let checklistJSON = String(decoding: try JSONEncoder().encode(draft.checklist), as: UTF8.self)
        return try await context.transaction { connection, outbox in
            try await MatchingLock.acquire(on: connection)
            guard let school = try await CharitySchools(connection: connection).school(draft.schoolId, lock: true) else {
                throw APIError.notFound("schoolId", "no school '\(draft.schoolId)' on the roster (charity learns schools from aid.roster.v1)")
            }
            guard school.isOpen else { throw APIError.conflict("schoolId", "school \(draft.schoolId) is closed") }
            guard school.isRural || school.isWeakTeachingPoint else {
                throw APIError(.unprocessableContent, field: "schoolId", rule: "school \(draft.schoolId) is an urban school; assessments are for rural schools and weak teaching points")
            }
            let latest = try await connection.run("""
                SELECT max(assessed_on)::text FROM assessments WHERE school_id = \(draft.schoolId)
                """).collect().first?.decode(String?.self)
            if let latest, draft.assessedOn < latest {
                throw APIError.conflict("assessedOn", "school \(draft.schoolId) was assessed on \(latest); a new assessment cannot be dated earlier")
            }
            let inserted = try await connection.run("""
                INSERT INTO assessments (assessment_id, school_id, assessed_on, checklist, computers_score, desks_score, blackboards_score,
                                         office_score, building_score, condition_score, assessed_by)
                VALUES (\(draft.assessmentId), \(draft.schoolId), \(draft.assessedOn)::date, \(checklistJSON)::jsonb, \(scores.computers),
                        \(scores.desksAndStools), \(scores.dustFreeBlackboards), \(scores.officeFurniture), \(scores.buildingCondition),
                        \(scores.overall), \(actor))
                ON CONFLICT (assessment_id) DO NOTHING RETURNING 1
                """).collect()
            guard !inserted.isEmpty else {
                throw APIError.conflict("assessmentId", "an assessment '\(draft.assessmentId)' already exists")
            }

            let newNeeds = draft.needs.indices.map { index in
                ReassessmentPlan.NewNeed(needId: draft.needId(at: index), itemCode: draft.needs[index].itemCode, quantity: draft.needs[index].quantity)
            }
            var undelivered: [ReassessmentPlan.Undelivered] = []
            let onTheirWay = try await connection.run("""
                SELECT a.allocation_id, a.item_code, a.quantity FROM allocations a JOIN needs n ON n.need_id = a.need_id
                WHERE n.school_id = \(draft.schoolId) AND n.status = 'open' AND a.status = 'allocated'
                """)
            for try await (id, item, quantity) in onTheirWay.decode((String, String, Int).self) {
                undelivered.append(ReassessmentPlan.Undelivered(allocationId: id, itemCode: item, quantity: quantity))
            }
            let plan = ReassessmentPlan(newNeeds: newNeeds, undelivered: undelivered)

            try await connection.run("UPDATE needs SET status = 'superseded' WHERE school_id = \(draft.schoolId) AND status = 'open'")
            if !newNeeds.isEmpty {
                try await connection.run("""
                    INSERT INTO needs (need_id, assessment_id, school_id, item_code, quantity, condition_score)
                    SELECT id, \(draft.assessmentId), \(draft.schoolId), item, quantity, \(scores.overall)
                    FROM unnest(\(newNeeds.map(\.needId))::text[], \(newNeeds.map(\.itemCode))::text[], \(newNeeds.map(\.quantity))::integer[])
                         AS u(id, item, quantity)
                    """)
            }
            for (allocationId, needId) in plan.moved.sorted(by: { $0.key < $1.key }) {
                try await connection.run("UPDATE allocations SET need_id = \(needId), updated_at = now() WHERE allocation_id = \(allocationId)")
            }
            try await AllocationCancelling(connection: connection).cancel(plan.cancelledAllocationIds, reason: .noLongerNeeded, outbox: &outbox)

            try outbox.append(
                CharityEvent.AssessmentRecorded(
                    assessmentId: draft.assessmentId, schoolId: draft.schoolId, townCode: school.townCode, assessedOn: draft.assessedOn,
                    conditionScore: scores.overall,
                    checklist: CharityEvent.ChecklistScores(
                        computers: scores.computers, desksAndStools: scores.desksAndStools, dustFreeBlackboards: scores.dustFreeBlackboards,
                        officeFurniture: scores.officeFurniture, buildingCondition: scores.buildingCondition),
                    needs: newNeeds.map { CharityEvent.Need(needId: $0.needId, itemCode: $0.itemCode, quantity: $0.quantity) }),
                eventID: "assessment-recorded:\(draft.assessmentId)")
            guard let view = try await AssessmentView.load(draft.assessmentId, on: connection) else {
                throw APIError(.internalServerError, field: "assessmentId", rule: "the assessment just recorded could not be read back")
            }
            return view
        }
    }
}
