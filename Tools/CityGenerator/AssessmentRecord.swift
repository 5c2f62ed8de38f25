/// One line of `assessments.jsonl`: the condition assessment of a weak rural teaching point and
/// what it needs to meet the equipment standard, in the shape the charity service takes.
public struct AssessmentRecord: Codable, Sendable, Equatable {
    public enum Building: String, Codable, Sendable, CaseIterable {
        case sound
        case minorRepairs = "minor-repairs"
        case majorRepairs = "major-repairs"
        case unsafe
    }

    public struct Checklist: Codable, Sendable, Equatable {
        public var pupils: Int
        public var computers: Int
        public var deskStoolSets: Int
        public var classrooms: Int
        public var dustFreeBlackboards: Int
        public var teachers: Int
        public var officeFurnitureSets: Int
        public var building: Building
    }

    public struct Need: Codable, Sendable, Equatable {
        public var itemCode: String
        public var quantity: Int
    }

    public var assessmentId: String
    public var schoolId: String
    public var assessedOn: String
    public var checklist: Checklist
    public var needs: [Need]
}
