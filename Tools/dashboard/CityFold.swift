import AidContracts
import Foundation

/// The city's figures as a fold over every event topic, one small fold per producing service. Event
/// ids already folded in are ignored, so the outbox's at-least-once delivery does not count twice.
struct CityFold: Sendable {
    enum Outcome: Equatable {
        case applied
        case duplicate
        /// Not a type the dashboard reads, or data it could not read: the figures are unchanged.
        case skipped(String)
    }

    private var seen: Set<String> = []
    private var applied = 0
    private var skipped = 0
    private var lastEventTime: Date?
    private(set) var identification = IdentificationFold()
    private(set) var disbursement = DisbursementFold()
    private(set) var charity = CharityFold()
    private(set) var pairing = PairingFold()
    private(set) var training = TrainingFold()
    private(set) var inspection = InspectionFold()

    /// Folds one event read from `topic` (the topic's name without the deployment's prefix).
    mutating func apply(_ envelope: CloudEventEnvelope, from topic: Topic) -> Outcome {
        guard !seen.contains(envelope.id) else { return .duplicate }
        let handled: Bool
        do {
            switch topic {
            case .roster, .identification: handled = try identification.apply(envelope)
            case .disbursement: handled = try disbursement.apply(envelope)
            case .charity: handled = try charity.apply(envelope)
            case .pairing: handled = try pairing.apply(envelope)
            case .training: handled = try training.apply(envelope)
            case .inspection: handled = try inspection.apply(envelope)
            default: handled = false
            }
        } catch {
            skipped += 1
            return .skipped(error.description)
        }
        guard handled else {
            skipped += 1
            return .skipped("event type '\(envelope.type)' on \(topic) is not one the dashboard reads")
        }
        seen.insert(envelope.id)
        applied += 1
        lastEventTime = max(lastEventTime ?? envelope.time, envelope.time)
        return .applied
    }

    /// Counts an unreadable record (no valid CloudEvents envelope).
    mutating func skipUnreadable() {
        skipped += 1
    }

    func figures(caughtUp: Bool) -> CityFigures {
        CityFigures(
            eventsApplied: applied, eventsSkipped: skipped, caughtUp: caughtUp,
            lastEventTime: lastEventTime.map(EventCoding.formatTime),
            disbursement: disbursement.figures, identification: identification.figures, coverage: coverage,
            charity: charity.figures, pairing: pairing.figures, training: training.figures, inspection: inspection.figures, recheckCoverage: recheckCoverage)
    }

    /// Of the students paid in the latest semester with payments, those re-checked in it.
    private var recheckCoverage: RecheckCoverage {
        let paidSemesters = disbursement.confirmed.values.map(\.semester)
        guard let semester = paidSemesters.max() else { return RecheckCoverage(semester: nil, aided: 0, rechecked: 0, share: nil) }
        let aided = Set(disbursement.studentsPaid(in: semester).keys)
        let rechecked = aided.intersection(inspection.studentsRechecked(in: semester)).count
        return RecheckCoverage(semester: semester.description, aided: aided.count, rechecked: rechecked, share: Coverage.ratio(rechecked, aided.count))
    }

    private var coverage: Coverage {
        let semester = disbursement.latestSemester
        let entitled = semester.map(disbursement.studentsEntitled(in:)) ?? [:]
        let paid = semester.map(disbursement.studentsPaid(in:)) ?? [:]
        let identifiedTowns = identification.identified.mapValues(\.townCode)
        let towns = Set(identifiedTowns.values).union(entitled.values)
        let identifiedCount = identification.identified.count
        let listed = identification.listedCoverage
        return Coverage(
            semester: semester?.description,
            enrolled: identification.enrolledCount,
            identified: identifiedCount,
            registryBased: identification.identified.values.count(where: \.registryBased),
            entitled: entitled.count,
            paid: paid.count,
            identifiedShare: Coverage.ratio(identifiedCount, identification.enrolledCount),
            paidShare: Coverage.ratio(paid.count, entitled.count),
            byTown: towns.sorted().map { town in
                Coverage.Town(
                    key: town, identified: identifiedTowns.values.count(where: { $0 == town }),
                    entitled: entitled.values.count(where: { $0 == town }), paid: paid.values.count(where: { $0 == town }))
            },
            listed: listed?.listed, listedIdentified: listed?.identified, listedHeld: listed?.held,
            listedShare: listed.flatMap { Coverage.ratio($0.identified, $0.listed) },
            listedByTown: listed?.byTown.map { .init(key: $0.townCode, listed: $0.listed, identified: $0.identified) } ?? [])
    }
}
