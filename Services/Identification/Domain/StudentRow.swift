import AidContracts

/// A student from a school's enrolment import. Holds personal data (resident ID, name, address),
/// which must stay inside the identification service.
public struct StudentRow: ImportableRow, Hashable {
    public var studentId: String
    public var residentId: ResidentID
    public var name: String
    public var householdId: String
    public var schoolId: String
    public var stage: Stage
    /// 1–12, counted within the stage; 1–3 for preschool (small, middle and large class).
    public var grade: Int
    public var enrolmentDate: CalendarDay
    public var leftBehind: Bool
    public var address: String?

    public init(studentId: String, residentId: ResidentID, name: String, householdId: String, schoolId: String,
                stage: Stage, grade: Int, enrolmentDate: CalendarDay, leftBehind: Bool = false, address: String? = nil) {
        self.studentId = studentId
        self.residentId = residentId
        self.name = name
        self.householdId = householdId
        self.schoolId = schoolId
        self.stage = stage
        self.grade = grade
        self.enrolmentDate = enrolmentDate
        self.leftBehind = leftBehind
        self.address = address
    }

    public init(record: ImportRecord, today: CalendarDay) throws(InvalidRecord) {
        var reader = FieldReader(record)
        let studentId = reader.required("studentId", FieldParsers.identifier)
        let residentId = reader.required("residentId", FieldParsers.residentID(today: today))
        let name = reader.required("name", FieldParsers.text(maxLength: 50))
        let householdId = reader.required("householdId", FieldParsers.identifier)
        let schoolId = reader.required("schoolId", FieldParsers.identifier)
        let stage = reader.required("stage", FieldParsers.stage)
        let grade = reader.required("grade", Self.grade(for: stage))
        let enrolmentDate = reader.required("enrolmentDate", FieldParsers.date)
        let leftBehind = reader.optional("leftBehind", FieldParsers.bool) ?? false
        let address = reader.optional("address", FieldParsers.text(maxLength: 200))
        // Every nil above has been reported, so an empty error list means all values are present.
        guard reader.errors.isEmpty, let studentId, let residentId, let name, let householdId, let schoolId,
              let stage, let grade, let enrolmentDate
        else { throw reader.failure }
        self.init(studentId: studentId, residentId: residentId, name: name, householdId: householdId,
                  schoolId: schoolId, stage: stage, grade: grade, enrolmentDate: enrolmentDate,
                  leftBehind: leftBehind, address: address)
    }

    /// Preschool has three years; every other stage is numbered 1–12. When the stage itself is
    /// invalid the wider range still catches nonsense grades in the same pass.
    private static func grade(for stage: Stage?) -> FieldReader.Parser<Int> {
        { text throws(FieldRuleViolation) in
            let grade = try FieldParsers.integer(text)
            if stage == .preschool {
                guard (1...3).contains(grade) else {
                    throw FieldRuleViolation("must be between 1 and 3 for preschool, got \(grade)")
                }
            } else {
                guard (1...12).contains(grade) else { throw FieldRuleViolation("must be between 1 and 12, got \(grade)") }
            }
            return grade
        }
    }
}
