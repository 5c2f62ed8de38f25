import AidContracts

/// A pledge line with units left to allocate.
public struct PledgeSupply: Sendable, Equatable {
    public var pledgeId: String
    public var lineNo: Int
    public var donorId: String
    public var itemCode: String
    public var form: CharityEvent.PledgeForm
    /// Units of the line minus units already allocated (cancelled allocations do not count).
    public var remainingUnits: Int
    public var unitValueFen: Fen
    /// The order pledges were recorded in: older pledges are drawn first.
    public var sequence: Int64

    public init(pledgeId: String, lineNo: Int, donorId: String, itemCode: String, form: CharityEvent.PledgeForm, remainingUnits: Int, unitValueFen: Fen, sequence: Int64) {
        self.pledgeId = pledgeId
        self.lineNo = lineNo
        self.donorId = donorId
        self.itemCode = itemCode
        self.form = form
        self.remainingUnits = remainingUnits
        self.unitValueFen = unitValueFen
        self.sequence = sequence
    }
}
