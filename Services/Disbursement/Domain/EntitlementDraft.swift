import AidContracts

/// An entitlement the catalog says a student should get, before it is stored and given an id.
public struct EntitlementDraft: Sendable, Hashable, Codable {
    public var programCode: String
    public var amountFen: Fen
    /// Which catalog version decided the amount, so a later catalog change never rewrites history.
    public var catalogVersion: Int

    public init(programCode: String, amountFen: Fen, catalogVersion: Int) {
        self.programCode = programCode
        self.amountFen = amountFen
        self.catalogVersion = catalogVersion
    }
}
