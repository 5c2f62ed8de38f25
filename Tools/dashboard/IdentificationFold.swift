import AidContracts

/// What identification publishes: the roster (`aid.roster.v1`) and who is identified in which tier
/// (`aid.identification.v1`). A student's events share a key, so they arrive in order.
struct IdentificationFold: EventFold {
    struct Figures: Codable, Sendable, Equatable {
        /// Students on the roll (enrolled and not graduated or withdrawn).
        var enrolled: Int
        /// Schools registered and not closed.
        var schools: Int
        /// Students with an active identification.
        var identified: Int
        /// Of those, the ones whose evidence includes a government registry list.
        var registryBased: Int
        var byTier: [Tally]
        var byTown: [Tally]
    }

    struct Identified: Sendable {
        var tier: NeedTier
        var registryBased: Bool
        var townCode: String
    }

    private var onRoll: [String: Bool] = [:]
    private var schools: Set<String> = []
    private(set) var identified: [String: Identified] = [:]
    /// Identification's latest count of registry-listed students and how many are identified.
    private(set) var listedCoverage: IdentificationEvent.CoverageMeasured?

    mutating func apply(_ envelope: CloudEventEnvelope) throws(EnvelopeError) -> Bool {
        switch envelope.type {
        case RosterEvent.SchoolRegistered.eventType:
            schools.insert(try envelope.decode(RosterEvent.SchoolRegistered.self).schoolId)
        case RosterEvent.SchoolClosed.eventType:
            schools.remove(try envelope.decode(RosterEvent.SchoolClosed.self).schoolId)
        case RosterEvent.StudentEnrolled.eventType:
            onRoll[try envelope.decode(RosterEvent.StudentEnrolled.self).studentId] = true
        case RosterEvent.StudentTransferred.eventType:
            let transfer = try envelope.decode(RosterEvent.StudentTransferred.self)
            onRoll[transfer.studentId] = true
            identified[transfer.studentId]?.townCode = transfer.townCode
        case RosterEvent.StudentGraduated.eventType:
            onRoll[try envelope.decode(RosterEvent.StudentGraduated.self).studentId] = false
        case RosterEvent.StudentWithdrawn.eventType:
            onRoll[try envelope.decode(RosterEvent.StudentWithdrawn.self).studentId] = false
        case RosterEvent.StudentDetailsChanged.eventType:
            // Stage and grade do not enter the figures; read it so bad data is noticed all the same.
            _ = try envelope.decode(RosterEvent.StudentDetailsChanged.self)
        case IdentificationEvent.StudentIdentified.eventType:
            let event = try envelope.decode(IdentificationEvent.StudentIdentified.self)
            identified[event.studentId] = Identified(tier: event.tier, registryBased: Self.isRegistry(event.basis), townCode: event.placement.townCode)
        case IdentificationEvent.TierChanged.eventType:
            let event = try envelope.decode(IdentificationEvent.TierChanged.self)
            identified[event.studentId] = Identified(tier: event.tier, registryBased: Self.isRegistry(event.basis), townCode: event.placement.townCode)
        case IdentificationEvent.IdentificationRevoked.eventType:
            identified[try envelope.decode(IdentificationEvent.IdentificationRevoked.self).studentId] = nil
        case IdentificationEvent.CoverageMeasured.eventType:
            // One key, so measurements arrive in order: the last one is the current one.
            listedCoverage = try envelope.decode(IdentificationEvent.CoverageMeasured.self)
        default:
            return false
        }
        return true
    }

    /// Evidence names a registry list as "registry:<list>" (e.g. "registry:dibao").
    private static func isRegistry(_ basis: [String]) -> Bool {
        basis.contains { $0.hasPrefix("registry:") }
    }

    var enrolledCount: Int { onRoll.values.count(where: { $0 }) }

    var figures: Figures {
        Figures(
            enrolled: enrolledCount, schools: schools.count, identified: identified.count,
            registryBased: identified.values.count(where: \.registryBased),
            byTier: Tally.of(identified.values.map(\.tier.rawValue)),
            byTown: Tally.of(identified.values.map(\.townCode)))
    }
}
