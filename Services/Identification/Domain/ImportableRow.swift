import AidContracts

/// A row type that `RowImporter` can build from an `ImportRecord`.
public protocol ImportableRow: Sendable {
    /// Validates every field and either builds the row or throws all the broken rules at once.
    /// - Parameter today: the import's notion of today, for rules such as "birth date is not in
    ///   the future"; passed in so re-running an import is reproducible.
    init(record: ImportRecord, today: CalendarDay) throws(InvalidRecord)
}
