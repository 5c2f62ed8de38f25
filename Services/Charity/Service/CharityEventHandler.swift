import AidContracts
import PostgresNIO
import ServiceRuntime

/// Keeps charity's list of schools current from the roster: registrations (town, weak teaching
/// point) and closures, which withdraw undelivered allocations and move or cancel open needs.
struct CharityEventHandler: EventHandler {
    let consumerGroup = "charity"
    let topics: [Topic] = [.roster]

    func handle(_ event: ReceivedEvent, on connection: PostgresConnection, outbox: inout OutboxBatch) async throws {
        switch event.type {
        case RosterEvent.SchoolRegistered.eventType:
            try await CharitySchools(connection: connection).register(try event.decode(RosterEvent.SchoolRegistered.self))
        case RosterEvent.SchoolClosed.eventType:
            try await SchoolClosure(connection: connection).apply(try event.decode(RosterEvent.SchoolClosed.self), outbox: &outbox)
        case RosterEvent.StudentEnrolled.eventType, RosterEvent.StudentTransferred.eventType, RosterEvent.StudentGraduated.eventType,
             RosterEvent.StudentWithdrawn.eventType, RosterEvent.StudentDetailsChanged.eventType:
            // Charity serves schools, not students: student changes are read past.
            return
        default:
            throw EventRejected("event type '\(event.type)' is not one the charity service handles")
        }
    }
}
