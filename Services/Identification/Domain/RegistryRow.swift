import AidContracts

/// One resident's membership of a government registry list (dibao, tekun, ...) from a civil
/// affairs or disability federation extract. Membership establishes need without an application.
public struct RegistryRow: ImportableRow, Hashable {
    public var residentId: ResidentID
    public var list: RegistryList
    public var validFrom: CalendarDay
    /// Last day of membership, inclusive; nil while the membership is open-ended.
    public var validTo: CalendarDay?
    /// The issuing office's own reference, kept for audit.
    public var reference: String?

    public init(residentId: ResidentID, list: RegistryList, validFrom: CalendarDay, validTo: CalendarDay? = nil,
                reference: String? = nil) {
        self.residentId = residentId
        self.list = list
        self.validFrom = validFrom
        self.validTo = validTo
        self.reference = reference
    }

    public init(record: ImportRecord, today: CalendarDay) throws(InvalidRecord) {
        var reader = FieldReader(record)
        let residentId = reader.required("residentId", FieldParsers.residentID(today: today))
        let list = reader.required("list", FieldParsers.registryList)
        let validFrom = reader.required("validFrom", FieldParsers.date)
        let validTo = reader.optional("validTo", FieldParsers.date)
        let reference = reader.optional("reference", FieldParsers.text(maxLength: 100))
        if let validFrom, let validTo, validTo < validFrom {
            reader.report("validTo", "must not be before validFrom (\(validFrom)), got \(validTo)")
        }
        // Every nil above has been reported, so an empty error list means all values are present.
        guard reader.errors.isEmpty, let residentId, let list, let validFrom else { throw reader.failure }
        self.init(residentId: residentId, list: list, validFrom: validFrom, validTo: validTo, reference: reference)
    }

    /// Whether the membership covers `day`; both ends are inclusive.
    public func isActive(on day: CalendarDay) -> Bool {
        validFrom <= day && validTo.map { day <= $0 } ?? true
    }
}
