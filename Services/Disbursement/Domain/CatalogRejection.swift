/// Why a posted grant catalog was not accepted: every field error found, not just the first.
public struct CatalogRejection: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [FieldError]

    public init(errors: [FieldError]) {
        self.errors = errors
    }

    public var description: String {
        "grant catalog rejected: " + errors.map(\.description).joined(separator: "; ")
    }
}
