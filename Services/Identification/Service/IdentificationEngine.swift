import AidContracts
import Foundation
import IdentificationDomain
import PostgresNIO
import ServiceRuntime

/// Decides the need tier of enrolled students from their registry listings and applications with
/// the active versioned rules, records each decision with its evidence and rule version, and
/// publishes what changed. Idempotent: deciding again with the same facts changes nothing.
struct IdentificationEngine: Sendable {
    struct Summary: Codable, Sendable {
        var examined = 0
        var identified = 0
        var tierChanged = 0
        var revoked = 0
        var pending = 0

        mutating func add(_ other: Summary) {
            examined += other.examined
            identified += other.identified
            tierChanged += other.tierChanged
            revoked += other.revoked
            pending += other.pending
        }
    }

    private struct Candidate {
        var studentId: String
        var householdId: String
        var schoolId: String
        var townCode: String
        var stage: Stage
        var residentHash: String
        var currentTier: NeedTier?
        var active: Bool
    }

    let connection: PostgresConnection

    static func activeRules(on connection: PostgresConnection) async throws -> TierRules {
        let rows = try await connection.run("SELECT rules::text FROM tier_rules WHERE active").collect()
        guard let text = try rows.first?.decode(String.self) else { return .standard }
        return try JSONDecoder().decode(TierRules.self, from: Data(text.utf8))
    }

    /// Decides for these students (those not enrolled, and those held after an inspection claw-back, are skipped).
    func decide(studentIds: [String], outbox: inout OutboxBatch) async throws -> Summary {
        var summary = Summary()
        if studentIds.isEmpty { return summary }
        let rules = try await Self.activeRules(on: connection)
        let candidates = try await loadCandidates(studentIds)
        let lists = try await registryLists(hashes: candidates.map(\.residentHash))
        let applications = try await latestApplications(studentIds: candidates.map(\.studentId))
        for candidate in candidates {
            summary.examined += 1
            let application = applications[candidate.studentId]
            let input = IdentificationInput(
                stage: candidate.stage, registryLists: lists[candidate.residentHash] ?? [],
                survey: application?.survey, verification: application?.verdict, parentReview: application?.parentReview)
            let decision = rules.decide(input: input)
            try await apply(decision, to: candidate, summary: &summary, outbox: &outbox)
        }
        return summary
    }

    private func apply(_ decision: IdentificationDecision, to candidate: Candidate, summary: inout Summary, outbox: inout OutboxBatch) async throws {
        let placement = IdentificationEvent.Placement(schoolId: candidate.schoolId, townCode: candidate.townCode, stage: candidate.stage)
        switch decision.outcome {
        case .eligible(let tier, let evidence):
            if candidate.active && candidate.currentTier == tier { return }
            let decisionId = try await record(candidate.studentId, outcome: "eligible", tier: tier, decision: decision, evidence: evidence)
            try await connection.run("""
                INSERT INTO identifications (student_id, decision_id, tier, status, rule_version)
                VALUES (\(candidate.studentId), \(decisionId), \(tier.rawValue), 'active', \(decision.ruleVersion))
                ON CONFLICT (student_id) DO UPDATE SET decision_id = EXCLUDED.decision_id, tier = EXCLUDED.tier,
                    status = 'active', rule_version = EXCLUDED.rule_version, updated_at = now()
                """)
            if candidate.active, let previous = candidate.currentTier {
                try outbox.append(IdentificationEvent.TierChanged(
                    decisionId: decisionId, studentId: candidate.studentId, householdId: candidate.householdId,
                    placement: placement, previousTier: previous, tier: tier, ruleVersion: decision.ruleVersion, basis: evidence))
                summary.tierChanged += 1
            } else {
                try outbox.append(IdentificationEvent.StudentIdentified(
                    decisionId: decisionId, studentId: candidate.studentId, householdId: candidate.householdId,
                    placement: placement, tier: tier, ruleVersion: decision.ruleVersion, basis: evidence))
                summary.identified += 1
            }
        case .notEligible(let evidence):
            guard candidate.active else { return }
            let decisionId = try await record(candidate.studentId, outcome: "not-eligible", tier: nil, decision: decision, evidence: evidence)
            try await revoke(candidate.studentId, decisionId: decisionId, reason: "no-longer-eligible", outbox: &outbox)
            summary.revoked += 1
        case .pending:
            summary.pending += 1
        }
    }

    /// Revokes an active identification (also used for inspection findings and manual revocation).
    func revoke(_ studentId: String, decisionId: String, reason: String, outbox: inout OutboxBatch) async throws {
        let rows = try await connection.run("""
            UPDATE identifications SET status = 'revoked', decision_id = \(decisionId), updated_at = now()
            WHERE student_id = \(studentId) AND status = 'active' RETURNING 1
            """).collect()
        guard !rows.isEmpty else { return }
        try outbox.append(IdentificationEvent.IdentificationRevoked(decisionId: decisionId, studentId: studentId, reason: reason))
    }

    func record(_ studentId: String, outcome: String, tier: NeedTier?, decision: IdentificationDecision, evidence: [String]) async throws -> String {
        let decisionId = UUID().uuidString.lowercased()
        let evidenceJSON = String(decoding: try JSONEncoder().encode(evidence), as: UTF8.self)
        try await connection.run("""
            INSERT INTO identification_decisions (decision_id, student_id, outcome, tier, rule_version, evidence)
            VALUES (\(decisionId), \(studentId), \(outcome), \(tier?.rawValue), \(decision.ruleVersion), \(evidenceJSON)::jsonb)
            """)
        return decisionId
    }

    private func loadCandidates(_ studentIds: [String]) async throws -> [Candidate] {
        var candidates: [Candidate] = []
        let rows = try await connection.run("""
            SELECT s.student_id, s.household_id, s.school_id, sc.town_code, s.stage, s.resident_id_hash, i.tier, i.status
            FROM students s JOIN schools sc USING (school_id) LEFT JOIN identifications i USING (student_id)
            WHERE s.student_id = ANY(\(studentIds)) AND s.status = 'enrolled'
              AND NOT EXISTS (SELECT 1 FROM inspection_holds h WHERE h.student_id = s.student_id AND h.lifted_at IS NULL)
            ORDER BY s.student_id
            """)
        for try await (id, household, school, town, stage, hash, tier, status) in rows.decode((String, String, String, String, String, String, String?, String?).self) {
            guard let stage = Stage(rawValue: stage) else { continue }
            candidates.append(Candidate(
                studentId: id, householdId: household, schoolId: school, townCode: town, stage: stage, residentHash: hash,
                currentTier: tier.flatMap(NeedTier.init(rawValue:)), active: status == "active"))
        }
        return candidates
    }

    private func registryLists(hashes: [String]) async throws -> [String: Set<RegistryList>] {
        var lists: [String: Set<RegistryList>] = [:]
        let rows = try await connection.run("""
            SELECT resident_id_hash, list FROM registry_entries
            WHERE resident_id_hash = ANY(\(hashes)) AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)
            """)
        for try await (hash, list) in rows.decode((String, String).self) {
            if let list = RegistryList(rawValue: list) { lists[hash, default: []].insert(list) }
        }
        return lists
    }

    private struct ApplicationFacts {
        var survey: HouseholdSurvey?
        var verdict: VerificationVerdict?
        var parentReview: ParentReviewOutcome?
    }

    private func latestApplications(studentIds: [String]) async throws -> [String: ApplicationFacts] {
        var facts: [String: ApplicationFacts] = [:]
        let rows = try await connection.run("""
            SELECT DISTINCT ON (a.student_id) a.student_id, a.survey::text,
                (SELECT v.verdict FROM verification_visits v WHERE v.application_id = a.application_id ORDER BY v.recorded_at DESC, v.visit_id DESC LIMIT 1),
                (SELECT r.outcome FROM parent_reviews r WHERE r.application_id = a.application_id ORDER BY r.recorded_at DESC, r.review_id DESC LIMIT 1)
            FROM applications a WHERE a.student_id = ANY(\(studentIds))
            ORDER BY a.student_id, a.submitted_at DESC
            """)
        for try await (studentId, surveyText, verdict, review) in rows.decode((String, String, String?, String?).self) {
            facts[studentId] = ApplicationFacts(
                survey: try? JSONDecoder().decode(HouseholdSurvey.self, from: Data(surveyText.utf8)),
                verdict: verdict.flatMap(VerificationVerdict.init(rawValue:)),
                parentReview: review.flatMap(ParentReviewOutcome.init(rawValue:)))
        }
        return facts
    }
}
