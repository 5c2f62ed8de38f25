import AidContracts
import PairingDomain
import PostgresNIO
import ServiceRuntime

/// Follows the roster: schools (registrations, closures) for twinning, students for the care of
/// left-behind children. Every student change settles that child's care at once: the pair is kept,
/// ended, or a volunteer is found.
struct PairingEventHandler: EventHandler {
    let consumerGroup = "pairing"
    let topics: [Topic] = [.roster]

    func handle(_ event: ReceivedEvent, on connection: PostgresConnection, outbox: inout OutboxBatch) async throws {
        let children = ChildRoster(connection: connection)
        switch event.type {
        case RosterEvent.SchoolRegistered.eventType:
            let registered = try event.decode(RosterEvent.SchoolRegistered.self)
            try await PairingSchools(connection: connection).register(registered)
            // Children heard of before their school get its township, and may now be matched.
            try await PairingLocks.care(on: connection)
            try await CareMatching(connection: connection).matchWaiting(inTowns: [registered.townCode], outbox: &outbox)
        case RosterEvent.SchoolClosed.eventType:
            try await PairingSchools(connection: connection).close(try event.decode(RosterEvent.SchoolClosed.self), outbox: &outbox)
        case RosterEvent.StudentEnrolled.eventType:
            try await children.enrolled(try event.decode(RosterEvent.StudentEnrolled.self), outbox: &outbox)
        case RosterEvent.StudentTransferred.eventType:
            try await children.transferred(try event.decode(RosterEvent.StudentTransferred.self), outbox: &outbox)
        case RosterEvent.StudentGraduated.eventType:
            let graduated = try event.decode(RosterEvent.StudentGraduated.self)
            try await children.left(studentId: graduated.studentId, change: .graduated, outbox: &outbox)
        case RosterEvent.StudentWithdrawn.eventType:
            let withdrawn = try event.decode(RosterEvent.StudentWithdrawn.self)
            try await children.left(studentId: withdrawn.studentId, change: .withdrawn, outbox: &outbox)
        case RosterEvent.StudentDetailsChanged.eventType:
            try await children.detailsChanged(try event.decode(RosterEvent.StudentDetailsChanged.self), outbox: &outbox)
        default:
            // A roster event added after this handler was written.
            try passOver(event)
        }
    }
}
