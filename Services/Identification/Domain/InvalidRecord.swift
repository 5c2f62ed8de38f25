/// Every rule a single record broke, so the uploader can fix a row in one pass.
public struct InvalidRecord: Error, Hashable, Sendable {
    public let errors: [FieldError]

    public init(errors: [FieldError]) {
        self.errors = errors
    }
}
