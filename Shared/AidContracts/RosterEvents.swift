import Foundation

/// Roster changes published by identification on `aid.roster.v1`, keyed by school or student id.
public enum RosterEvent {
    public struct SchoolRegistered: AidEvent {
        public static let eventType = "aid.roster.school-registered.v1"
        public static let topic = Topic.roster
        public var partitionKey: String { schoolId }

        public var schoolId: String
        public var townCode: String
        public var districtCode: String
        public var stages: [Stage]
        public var isRural: Bool
        public var servesKeyPovertyVillage: Bool
        public var isWeakTeachingPoint: Bool

        public init(schoolId: String, townCode: String, districtCode: String, stages: [Stage], isRural: Bool, servesKeyPovertyVillage: Bool, isWeakTeachingPoint: Bool) {
            self.schoolId = schoolId
            self.townCode = townCode
            self.districtCode = districtCode
            self.stages = stages
            self.isRural = isRural
            self.servesKeyPovertyVillage = servesKeyPovertyVillage
            self.isWeakTeachingPoint = isWeakTeachingPoint
        }
    }

    /// A school closed. When it merged into another school, `successorSchoolId` names that school
    /// and its enrolled students were moved there first (each published as `StudentTransferred`);
    /// otherwise it is null and no enrolled student was left at the school.
    public struct SchoolClosed: AidEvent {
        public static let eventType = "aid.roster.school-closed.v1"
        public static let topic = Topic.roster
        public var partitionKey: String { schoolId }

        public var schoolId: String
        public var successorSchoolId: String?
        public var effectiveDate: String

        public init(schoolId: String, successorSchoolId: String?, effectiveDate: String) {
            self.schoolId = schoolId
            self.successorSchoolId = successorSchoolId
            self.effectiveDate = effectiveDate
        }

        /// Writes `successorSchoolId` as null on a plain closure: every property is required by the schema.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(schoolId, forKey: .schoolId)
            try container.encode(successorSchoolId, forKey: .successorSchoolId)
            try container.encode(effectiveDate, forKey: .effectiveDate)
        }
    }

    /// A student joined the roster (first import or new enrolment).
    public struct StudentEnrolled: AidEvent {
        public static let eventType = "aid.roster.student-enrolled.v1"
        public static let topic = Topic.roster
        public var partitionKey: String { studentId }

        public var studentId: String
        public var householdId: String
        public var schoolId: String
        public var townCode: String
        public var stage: Stage
        public var grade: Int
        public var leftBehind: Bool
        public var effectiveDate: String

        public init(studentId: String, householdId: String, schoolId: String, townCode: String, stage: Stage, grade: Int, leftBehind: Bool, effectiveDate: String) {
            self.studentId = studentId
            self.householdId = householdId
            self.schoolId = schoolId
            self.townCode = townCode
            self.stage = stage
            self.grade = grade
            self.leftBehind = leftBehind
            self.effectiveDate = effectiveDate
        }
    }

    public struct StudentTransferred: AidEvent {
        public static let eventType = "aid.roster.student-transferred.v1"
        public static let topic = Topic.roster
        public var partitionKey: String { studentId }

        public var studentId: String
        public var fromSchoolId: String
        public var toSchoolId: String
        public var townCode: String
        public var stage: Stage
        public var effectiveDate: String

        public init(studentId: String, fromSchoolId: String, toSchoolId: String, townCode: String, stage: Stage, effectiveDate: String) {
            self.studentId = studentId
            self.fromSchoolId = fromSchoolId
            self.toSchoolId = toSchoolId
            self.townCode = townCode
            self.stage = stage
            self.effectiveDate = effectiveDate
        }
    }

    public struct StudentGraduated: AidEvent {
        public static let eventType = "aid.roster.student-graduated.v1"
        public static let topic = Topic.roster
        public var partitionKey: String { studentId }

        public var studentId: String
        public var schoolId: String
        public var effectiveDate: String

        public init(studentId: String, schoolId: String, effectiveDate: String) {
            self.studentId = studentId
            self.schoolId = schoolId
            self.effectiveDate = effectiveDate
        }
    }

    public struct StudentWithdrawn: AidEvent {
        public static let eventType = "aid.roster.student-withdrawn.v1"
        public static let topic = Topic.roster
        public var partitionKey: String { studentId }

        public var studentId: String
        public var schoolId: String
        public var effectiveDate: String

        public init(studentId: String, schoolId: String, effectiveDate: String) {
            self.studentId = studentId
            self.schoolId = schoolId
            self.effectiveDate = effectiveDate
        }
    }

    /// Stage, grade or left-behind status changed (PII changes are never published).
    public struct StudentDetailsChanged: AidEvent {
        public static let eventType = "aid.roster.student-details-changed.v1"
        public static let topic = Topic.roster
        public var partitionKey: String { studentId }

        public var studentId: String
        public var schoolId: String
        public var stage: Stage
        public var grade: Int
        public var leftBehind: Bool

        public init(studentId: String, schoolId: String, stage: Stage, grade: Int, leftBehind: Bool) {
            self.studentId = studentId
            self.schoolId = schoolId
            self.stage = stage
            self.grade = grade
            self.leftBehind = leftBehind
        }
    }
}
