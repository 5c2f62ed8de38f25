import AidContracts

/// Units of one pledge line for one need, with the reasons the run chose them.
public struct PlannedAllocation: Sendable, Equatable {
    public var needId: String
    public var schoolId: String
    public var pledgeId: String
    public var lineNo: Int
    public var donorId: String
    public var form: CharityEvent.PledgeForm
    public var itemCode: String
    public var quantity: Int
    public var unitValueFen: Fen
    public var priorityRank: Int
    public var conditionScore: Int
    /// Why these units went here, in words a donor or an inspector can check against the figures.
    public var explanation: String

    public var valueFen: Fen { Fen(quantity) * unitValueFen }

    public init(
        needId: String, schoolId: String, pledgeId: String, lineNo: Int, donorId: String, form: CharityEvent.PledgeForm, itemCode: String,
        quantity: Int, unitValueFen: Fen, priorityRank: Int, conditionScore: Int, explanation: String
    ) {
        self.needId = needId
        self.schoolId = schoolId
        self.pledgeId = pledgeId
        self.lineNo = lineNo
        self.donorId = donorId
        self.form = form
        self.itemCode = itemCode
        self.quantity = quantity
        self.unitValueFen = unitValueFen
        self.priorityRank = priorityRank
        self.conditionScore = conditionScore
        self.explanation = explanation
    }
}
