import IdentificationDomain

/// One line of `applications.jsonl`: a household's application for one student that is on no
/// registry list, its survey, and the checks recorded on it so far (a verification visit and, for
/// preschool, the parents' committee review). Either check may still be missing, as in a real
/// semester.
public struct ApplicationRecord: Codable, Sendable, Equatable {
    public struct Visit: Codable, Sendable, Equatable {
        public var verdict: VerificationVerdict
        public var visitedOn: String
        public var notes: String
    }

    public struct ParentReview: Codable, Sendable, Equatable {
        public var outcome: ParentReviewOutcome
        public var reviewedOn: String
    }

    public var applicationId: String
    public var studentId: String
    public var semester: String
    public var survey: HouseholdSurvey
    public var visit: Visit?
    public var parentReview: ParentReview?
}
