import AidContracts
import DisbursementDomain
import Foundation
import Kafka

/// N students as identification would publish them (StudentIdentified CloudEvents, opaque ids only),
/// spread over every stage, tier and ten schools, so that each school gets one payment batch.
struct IdentifiedStudents: Sendable {
    static let semester = "2026-autumn"

    let events: [IdentificationEvent.StudentIdentified]

    init(count: Int) {
        let stages = Stage.allCases
        let tiers = NeedTier.allCases
        events = (0..<count).map { index in
            let id = String(format: "BENCH-%06d", index)
            return IdentificationEvent.StudentIdentified(
                decisionId: "decision-\(id)", studentId: id, householdId: "HH-\(id)",
                placement: .init(schoolId: "SCH-\(index % 10)", townCode: "370785101", stage: stages[index % stages.count]),
                tier: tiers[(index / stages.count) % tiers.count], ruleVersion: "2026.1", basis: ["registry:dibao"])
        }
    }

    var count: Int { events.count }

    /// What the standard catalog grants them in one semester (every student boards by default).
    var expectedEntitlements: Int {
        events.reduce(0) { $0 + GrantCatalog.standard.entitlements(stage: $1.placement.stage, tier: $1.tier, boarding: true).count }
    }

    /// The records exactly as published: binary-mode CloudEvents keyed by student id.
    func messages(topic: String) throws -> [OutgoingMessage] {
        try events.map { event in
            let envelope = try CloudEventEnvelope.wrap(event, id: "identified-\(event.studentId)", source: "/aid/identification")
            return OutgoingMessage(
                topic: topic, key: Array(event.partitionKey.utf8), value: envelope.data,
                headers: envelope.headers.map { KafkaHeader($0.name, $0.value) })
        }
    }
}
