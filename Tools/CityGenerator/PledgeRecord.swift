import AidContracts

/// One line of `pledges.jsonl`: a donor's pledge of equipment (quantity × unit value) or of money
/// earmarked for an item, in the shape the charity service takes.
public struct PledgeRecord: Codable, Sendable, Equatable {
    public struct Line: Codable, Sendable, Equatable {
        public var itemCode: String
        public var quantity: Int?
        public var amountFen: Fen?
        public var unitValueFen: Fen

        /// What the donor gives, in fen.
        public var valueFen: Fen { amountFen ?? Fen(quantity ?? 0) * unitValueFen }
    }

    public var pledgeId: String
    public var donorId: String
    public var donorName: String
    public var pledgedOn: String
    public var lines: [Line]

    public var valueFen: Fen { lines.reduce(0) { $0 + $1.valueFen } }
}
