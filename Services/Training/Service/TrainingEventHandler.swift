import AidContracts
import PostgresNIO
import ServiceRuntime

/// Keeps training's list of households identified as in need current from identification's results:
/// their members go first on waitlists.
struct TrainingEventHandler: EventHandler {
    let consumerGroup = "training"
    let topics: [Topic] = [.identification]

    func handle(_ event: ReceivedEvent, on connection: PostgresConnection, outbox: inout OutboxBatch) async throws {
        switch event.type {
        case IdentificationEvent.StudentIdentified.eventType:
            let identified = try event.decode(IdentificationEvent.StudentIdentified.self)
            try await markIdentified(studentId: identified.studentId, householdId: identified.householdId, on: connection)
        case IdentificationEvent.TierChanged.eventType:
            let changed = try event.decode(IdentificationEvent.TierChanged.self)
            try await markIdentified(studentId: changed.studentId, householdId: changed.householdId, on: connection)
        case IdentificationEvent.IdentificationRevoked.eventType:
            let revoked = try event.decode(IdentificationEvent.IdentificationRevoked.self)
            try await connection.run("""
                UPDATE identified_students SET active = false, updated_at = now() WHERE student_id = \(revoked.studentId)
                """)
        default:
            // Identification events that say nothing about need are no concern of training.
            try passOver(event)
        }
    }

    private func markIdentified(studentId: String, householdId: String, on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO identified_students (student_id, household_id, active) VALUES (\(studentId), \(householdId), true)
            ON CONFLICT (student_id) DO UPDATE SET household_id = EXCLUDED.household_id, active = true, updated_at = now()
            """)
    }
}
