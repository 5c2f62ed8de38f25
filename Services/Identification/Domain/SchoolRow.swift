import AidContracts

/// A school from the education bureau's roster import.
public struct SchoolRow: ImportableRow, Hashable {
    public var schoolId: String
    public var name: String
    /// The township-level statistical division code (6–12 digits) the school sits in.
    public var townCode: String
    /// The 6-digit county or district code.
    public var districtCode: String
    /// Stages taught, in the order listed, without repeats; never empty.
    public var stages: [Stage]
    public var isRural: Bool
    public var servesKeyPovertyVillage: Bool
    public var isWeakTeachingPoint: Bool

    public init(schoolId: String, name: String, townCode: String, districtCode: String, stages: [Stage],
                isRural: Bool, servesKeyPovertyVillage: Bool = false, isWeakTeachingPoint: Bool = false) {
        self.schoolId = schoolId
        self.name = name
        self.townCode = townCode
        self.districtCode = districtCode
        self.stages = stages
        self.isRural = isRural
        self.servesKeyPovertyVillage = servesKeyPovertyVillage
        self.isWeakTeachingPoint = isWeakTeachingPoint
    }

    public init(record: ImportRecord, today: CalendarDay) throws(InvalidRecord) {
        var reader = FieldReader(record)
        let schoolId = reader.required("schoolId", FieldParsers.identifier)
        let name = reader.required("name", FieldParsers.text(maxLength: 100))
        let townCode = reader.required("townCode", FieldParsers.digits(count: 6...12))
        let districtCode = reader.required("districtCode", FieldParsers.digits(count: 6...6))
        let stages = reader.required("stages", FieldParsers.stages)
        let isRural = reader.required("isRural", FieldParsers.bool)
        let servesKeyPovertyVillage = reader.optional("servesKeyPovertyVillage", FieldParsers.bool) ?? false
        let isWeakTeachingPoint = reader.optional("isWeakTeachingPoint", FieldParsers.bool) ?? false
        // Every nil above has been reported, so an empty error list means all values are present.
        guard reader.errors.isEmpty, let schoolId, let name, let townCode, let districtCode, let stages, let isRural
        else { throw reader.failure }
        self.init(schoolId: schoolId, name: name, townCode: townCode, districtCode: districtCode, stages: stages,
                  isRural: isRural, servesKeyPovertyVillage: servesKeyPovertyVillage,
                  isWeakTeachingPoint: isWeakTeachingPoint)
    }
}
