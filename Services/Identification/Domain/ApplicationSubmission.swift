import AidContracts
import Foundation

/// An application as a school or bureau hands it in: the household's survey for one student and
/// semester, and the checks already made on it (a verification visit and, for preschool, the
/// parents' committee review). Submitted one at a time, or many at once from a JSON array
/// (`ApplicationFile`), e.g. when a semester's paper applications are keyed in.
public struct ApplicationSubmission: Codable, Sendable, Equatable {
    public struct Visit: Codable, Sendable, Equatable {
        public var verdict: VerificationVerdict
        /// yyyy-MM-dd.
        public var visitedOn: String
        public var notes: String?

        public init(verdict: VerificationVerdict, visitedOn: String, notes: String? = nil) {
            self.verdict = verdict
            self.visitedOn = visitedOn
            self.notes = notes
        }
    }

    public struct ParentReview: Codable, Sendable, Equatable {
        public var outcome: ParentReviewOutcome
        /// yyyy-MM-dd.
        public var reviewedOn: String

        public init(outcome: ParentReviewOutcome, reviewedOn: String) {
            self.outcome = outcome
            self.reviewedOn = reviewedOn
        }
    }

    public var applicationId: String
    public var studentId: String
    public var semester: Semester
    public var survey: HouseholdSurvey
    public var visit: Visit?
    public var parentReview: ParentReview?

    public init(applicationId: String, studentId: String, semester: Semester, survey: HouseholdSurvey,
                visit: Visit? = nil, parentReview: ParentReview? = nil) {
        self.applicationId = applicationId
        self.studentId = studentId
        self.semester = semester
        self.survey = survey
        self.visit = visit
        self.parentReview = parentReview
    }

    /// Every broken rule, fields named as in the JSON (`survey.members`, `visit.visitedOn`).
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if applicationId.range(of: "^[A-Za-z0-9-]{1,60}$", options: .regularExpression) == nil {
            errors.append(FieldError(field: "applicationId", rule: "must be 1–60 letters, digits or '-', got '\(applicationId)'"))
        }
        if studentId.isEmpty {
            errors.append(FieldError(field: "studentId", rule: "must not be empty"))
        }
        errors += survey.validate().map { FieldError(field: "survey.\($0.field)", rule: $0.rule) }
        if let visit, CalendarDay(iso: visit.visitedOn) == nil {
            errors.append(FieldError(field: "visit.visitedOn", rule: "must be a date yyyy-MM-dd, got '\(visit.visitedOn)'"))
        }
        if let visit, let notes = visit.notes, notes.count > 2_000 {
            errors.append(FieldError(field: "visit.notes", rule: "must be at most 2,000 characters, got \(notes.count)"))
        }
        if let parentReview, CalendarDay(iso: parentReview.reviewedOn) == nil {
            errors.append(FieldError(field: "parentReview.reviewedOn", rule: "must be a date yyyy-MM-dd, got '\(parentReview.reviewedOn)'"))
        }
        return errors
    }
}

/// Reads a JSON array of applications. An element that cannot be decoded or breaks a rule becomes
/// a `RowError` on its position (1-based) and never stops the others from being read.
public enum ApplicationFile {
    public static func read(_ data: Data) throws(ImportError) -> ImportResult<ApplicationSubmission> {
        let elements: [Element]
        do {
            elements = try JSONDecoder().decode([Element].self, from: data)
        } catch DecodingError.typeMismatch {
            throw .notAJSONArray
        } catch let error as DecodingError {
            throw .malformedJSON(error.rule)
        } catch {
            throw .malformedJSON(String(describing: error))
        }
        var result = ImportResult<ApplicationSubmission>(rows: [], errors: [])
        result.rows.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            let line = index + 1
            switch element {
            case .submission(let submission):
                let problems = submission.validate()
                if problems.isEmpty {
                    result.rows.append((line, submission))
                } else {
                    result.errors += problems.map { RowError(line: line, field: $0.field, rule: $0.rule) }
                }
            case .undecodable(let field, let rule):
                result.errors.append(RowError(line: line, field: field, rule: rule))
            }
        }
        return result
    }

    /// One array element, decoded on its own so that a bad one is reported, not fatal.
    private enum Element: Decodable {
        case submission(ApplicationSubmission)
        case undecodable(field: String, rule: String)

        init(from decoder: any Decoder) throws {
            do {
                self = .submission(try ApplicationSubmission(from: decoder))
            } catch let error as DecodingError {
                // The element's position is reported as its line, so the field is named from there.
                let field = error.field(below: decoder.codingPath)
                self = field.isEmpty ? .undecodable(field: "row", rule: "must be a JSON object") : .undecodable(field: field, rule: error.rule)
            }
        }
    }
}
