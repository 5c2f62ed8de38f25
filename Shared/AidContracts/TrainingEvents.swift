/// Enrolments and results of vocational training for rural workers on `aid.training.v1`, keyed by
/// trainee id so one trainee's enrolment, promotion and result arrive in order. Trainees appear only
/// by their opaque id: names stay in training's schema.
public enum TrainingEvent {
    /// The session an enrolment is for, with its course and the centre running it.
    public struct Placement: Codable, Sendable, Equatable {
        public var sessionId: String
        public var courseId: String
        public var centreId: String

        public init(sessionId: String, courseId: String, centreId: String) {
            self.sessionId = sessionId
            self.courseId = courseId
            self.centreId = centreId
        }
    }

    /// How a completed training ended.
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        case passed
        case failed
    }

    /// The trainee holds a seat in the session: at once, or promoted from the waitlist.
    public struct TraineeEnrolled: AidEvent {
        public static let eventType = "aid.training.trainee-enrolled.v1"
        public static let topic = Topic.training
        public var partitionKey: String { traineeId }

        public var enrolmentId: String
        public var traineeId: String
        public var placement: Placement
        /// A member of a household identified as in need.
        public var prioritized: Bool
        public var fromWaitlist: Bool

        public init(enrolmentId: String, traineeId: String, placement: Placement, prioritized: Bool, fromWaitlist: Bool) {
            self.enrolmentId = enrolmentId
            self.traineeId = traineeId
            self.placement = placement
            self.prioritized = prioritized
            self.fromWaitlist = fromWaitlist
        }
    }

    /// The session was full: the trainee waits, at `position` (1 = next) when the event was written.
    public struct TraineeWaitlisted: AidEvent {
        public static let eventType = "aid.training.trainee-waitlisted.v1"
        public static let topic = Topic.training
        public var partitionKey: String { traineeId }

        public var enrolmentId: String
        public var traineeId: String
        public var placement: Placement
        public var prioritized: Bool
        public var position: Int

        public init(enrolmentId: String, traineeId: String, placement: Placement, prioritized: Bool, position: Int) {
            self.enrolmentId = enrolmentId
            self.traineeId = traineeId
            self.placement = placement
            self.prioritized = prioritized
            self.position = position
        }
    }

    /// The trainee left the session (a seat or a waitlist place), before completing it.
    public struct EnrolmentWithdrawn: AidEvent {
        public static let eventType = "aid.training.enrolment-withdrawn.v1"
        public static let topic = Topic.training
        public var partitionKey: String { traineeId }

        public var enrolmentId: String
        public var traineeId: String
        public var placement: Placement
        /// True when the trainee held a seat (so someone may have been promoted), false when waitlisted.
        public var heldSeat: Bool

        public init(enrolmentId: String, traineeId: String, placement: Placement, heldSeat: Bool) {
            self.enrolmentId = enrolmentId
            self.traineeId = traineeId
            self.placement = placement
            self.heldSeat = heldSeat
        }
    }

    /// The exam result is in: passed (with a certificate) or failed.
    public struct TrainingCompleted: AidEvent {
        public static let eventType = "aid.training.training-completed.v1"
        public static let topic = Topic.training
        public var partitionKey: String { traineeId }

        public var enrolmentId: String
        public var traineeId: String
        public var placement: Placement
        /// The year the exam was taken, which pass rates are counted by.
        public var year: Int
        public var outcome: Outcome
        /// Exam score, 0–100.
        public var score: Int
        /// Share of the session's class days attended, 0–100.
        public var attendancePercent: Int
        /// The certificate issued on a pass; null on a fail.
        public var certificateId: String?

        public init(
            enrolmentId: String, traineeId: String, placement: Placement, year: Int, outcome: Outcome, score: Int,
            attendancePercent: Int, certificateId: String?
        ) {
            self.enrolmentId = enrolmentId
            self.traineeId = traineeId
            self.placement = placement
            self.year = year
            self.outcome = outcome
            self.score = score
            self.attendancePercent = attendancePercent
            self.certificateId = certificateId
        }

        /// Writes `certificateId` as null on a fail rather than leaving it out: every property of an
        /// event is required by its schema, so consumers never have to guess whether a key is missing.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(enrolmentId, forKey: .enrolmentId)
            try container.encode(traineeId, forKey: .traineeId)
            try container.encode(placement, forKey: .placement)
            try container.encode(year, forKey: .year)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(score, forKey: .score)
            try container.encode(attendancePercent, forKey: .attendancePercent)
            try container.encode(certificateId, forKey: .certificateId)
        }
    }
}

extension EventCatalog {
    static let trainingEvents: [any AidEvent.Type] = [
        TrainingEvent.TraineeEnrolled.self,
        TrainingEvent.TraineeWaitlisted.self,
        TrainingEvent.EnrolmentWithdrawn.self,
        TrainingEvent.TrainingCompleted.self,
    ]
}
