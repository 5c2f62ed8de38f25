import Foundation
import PostgresNIO
import ServiceRuntime

/// One student as the API shows them: personal data unsealed only for roles that need it
/// (bureau officers and auditors); others see the resident ID masked and no name or address.
struct StudentView: Codable, Sendable {
    struct Decision: Codable, Sendable {
        var decisionId: String
        var outcome: String
        var tier: String?
        var ruleVersion: String
        var evidence: [String]
        var decidedAt: String
    }

    var studentId: String
    var residentId: String
    var name: String?
    var address: String?
    var householdId: String
    var schoolId: String
    var stage: String
    var grade: Int
    var leftBehind: Bool
    var status: String
    var identification: String?
    var tier: String?
    var decisions: [Decision]

    static func load(_ id: String, database: Database, vault: PersonalDataVault, revealPersonalData: Bool) async throws -> StudentView? {
        let rows = try await database.query("""
            SELECT s.student_id, s.resident_id_sealed, s.name_sealed, s.address_sealed, s.household_id, s.school_id, s.stage,
                   s.grade, s.left_behind, s.status, i.status, i.tier
            FROM students s LEFT JOIN identifications i USING (student_id) WHERE s.student_id = \(id)
            """).collect()
        guard let row = rows.first else { return nil }
        let (studentId, residentSealed, nameSealed, addressSealed, household, school, stage, grade, leftBehind, status, identification, tier)
            = try row.decode((String, Data, Data, Data?, String, String, String, Int, Bool, String, String?, String?).self)
        let residentId = try vault.open(residentSealed)
        var decisions: [Decision] = []
        let history = try await database.query("""
            SELECT decision_id, outcome, tier, rule_version, evidence::text, to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            FROM identification_decisions WHERE student_id = \(id) ORDER BY decided_at
            """)
        for try await (decisionId, outcome, decisionTier, version, evidence, decidedAt) in history.decode((String, String, String?, String, String, String).self) {
            decisions.append(Decision(
                decisionId: decisionId, outcome: outcome, tier: decisionTier, ruleVersion: version,
                evidence: (try? JSONDecoder().decode([String].self, from: Data(evidence.utf8))) ?? [], decidedAt: decidedAt))
        }
        return StudentView(
            studentId: studentId,
            residentId: revealPersonalData ? residentId : String(residentId.prefix(6)) + "********" + String(residentId.suffix(4)),
            name: revealPersonalData ? try vault.open(nameSealed) : nil,
            address: revealPersonalData ? try addressSealed.map(vault.open) : nil,
            householdId: household, schoolId: school, stage: stage, grade: grade, leftBehind: leftBehind, status: status,
            identification: identification, tier: tier, decisions: decisions)
    }
}
