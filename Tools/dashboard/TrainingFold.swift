import AidContracts

/// What training publishes on `aid.training.v1`: seats, waitlists and exam results of rural workers'
/// courses. Keyed by trainee, so one enrolment's events arrive in order; each enrolment counts in the
/// state its latest event put it in.
struct TrainingFold: EventFold {
    struct Figures: Codable, Sendable, Equatable {
        struct Year: Codable, Sendable, Equatable {
            var year: Int
            var passed: Int
            var failed: Int
            var passRate: Double?
        }

        /// Seats held now (enrolled, not yet completed or withdrawn).
        var enrolled: Int
        var waitlisted: Int
        var withdrawn: Int
        var passed: Int
        var failed: Int
        /// passed ÷ (passed + failed), over every year.
        var passRate: Double?
        /// Enrolments of members of identified households (they get seats first).
        var prioritized: Int
        var byYear: [Year]
    }

    private enum Standing {
        case enrolled
        case waitlisted
        case withdrawn
        case completed(TrainingEvent.Outcome, year: Int)
    }

    private var enrolments: [String: Standing] = [:]
    private var prioritized: Set<String> = []

    mutating func apply(_ envelope: CloudEventEnvelope) throws(EnvelopeError) -> Bool {
        switch envelope.type {
        case TrainingEvent.TraineeEnrolled.eventType:
            let event = try envelope.decode(TrainingEvent.TraineeEnrolled.self)
            settle(event.enrolmentId, .enrolled)
            if event.prioritized { prioritized.insert(event.enrolmentId) }
        case TrainingEvent.TraineeWaitlisted.eventType:
            let event = try envelope.decode(TrainingEvent.TraineeWaitlisted.self)
            settle(event.enrolmentId, .waitlisted)
            if event.prioritized { prioritized.insert(event.enrolmentId) }
        case TrainingEvent.EnrolmentWithdrawn.eventType:
            settle(try envelope.decode(TrainingEvent.EnrolmentWithdrawn.self).enrolmentId, .withdrawn)
        case TrainingEvent.TrainingCompleted.eventType:
            let event = try envelope.decode(TrainingEvent.TrainingCompleted.self)
            settle(event.enrolmentId, .completed(event.outcome, year: event.year))
        default:
            return false
        }
        return true
    }

    /// A result is final: nothing read later (a stray redelivery) takes it back.
    private mutating func settle(_ enrolmentId: String, _ standing: Standing) {
        if case .completed = enrolments[enrolmentId] { return }
        enrolments[enrolmentId] = standing
    }

    var figures: Figures {
        var enrolled = 0, waitlisted = 0, withdrawn = 0
        var results: [Int: (passed: Int, failed: Int)] = [:]
        for standing in enrolments.values {
            switch standing {
            case .enrolled: enrolled += 1
            case .waitlisted: waitlisted += 1
            case .withdrawn: withdrawn += 1
            case .completed(.passed, let year): results[year, default: (0, 0)].passed += 1
            case .completed(.failed, let year): results[year, default: (0, 0)].failed += 1
            }
        }
        let passed = results.values.reduce(0) { $0 + $1.passed }
        let failed = results.values.reduce(0) { $0 + $1.failed }
        return Figures(
            enrolled: enrolled, waitlisted: waitlisted, withdrawn: withdrawn, passed: passed, failed: failed,
            passRate: Coverage.ratio(passed, passed + failed), prioritized: prioritized.count,
            byYear: results.keys.sorted().map { year in
                let result = results[year] ?? (0, 0)
                return Figures.Year(year: year, passed: result.passed, failed: result.failed, passRate: Coverage.ratio(result.passed, result.passed + result.failed))
            })
    }
}
