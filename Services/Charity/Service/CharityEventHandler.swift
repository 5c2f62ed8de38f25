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
        default:
            // Charity serves schools, not students: student changes (and roster events added later)
            // are passed over.
            try passOver(event)
        }
    }
}
