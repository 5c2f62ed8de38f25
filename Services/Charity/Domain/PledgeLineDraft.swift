import AidContracts

/// One line of a pledge: goods (`quantity` units worth `unitValueFen` each) or money earmarked for
/// an item (`amountFen`, buying units at `unitValueFen`). Exactly one of `quantity` and `amountFen`.
public struct PledgeLineDraft: Codable, Sendable, Equatable {
    public static let maximumUnitValueFen: Fen = 100_000_000
    public static let maximumAmountFen: Fen = 10_000_000_000

    public var itemCode: String
    public var quantity: Int?
    public var amountFen: Fen?
    public var unitValueFen: Fen

    public init(itemCode: String, quantity: Int? = nil, amountFen: Fen? = nil, unitValueFen: Fen) {
        self.itemCode = itemCode
        self.quantity = quantity
        self.amountFen = amountFen
        self.unitValueFen = unitValueFen
    }

    public var form: CharityEvent.PledgeForm { quantity != nil ? .inKind : .money }

    /// Units the line can fill. Money buys whole units only: what is left under one unit's price
    /// stays with the pledge, unallocated, rather than buying a fraction of a desk.
    public var units: Int {
        if let quantity { return quantity }
        return Int((amountFen ?? 0) / max(unitValueFen, 1))
    }

    /// What the donor gave, in fen: the goods' value, or the money.
    public var pledgedFen: Fen { amountFen ?? Fen(quantity ?? 0) * unitValueFen }

    func validate(field: String) -> [FieldError] {
        var problems = [
            FieldRules.itemCode(itemCode, field: "\(field).itemCode"),
            FieldRules.range(unitValueFen, 1...Self.maximumUnitValueFen, field: "\(field).unitValueFen"),
        ].compactMap { $0 }
        switch (quantity, amountFen) {
        case (let quantity?, nil):
            problems += [FieldRules.range(quantity, 1...100_000, field: "\(field).quantity")].compactMap { $0 }
        case (nil, let amount?):
            if let problem = FieldRules.range(amount, 1...Self.maximumAmountFen, field: "\(field).amountFen") {
                problems.append(problem)
            } else if unitValueFen > 0, amount < unitValueFen {
                problems.append(FieldError(field: "\(field).amountFen", rule: "must buy at least one unit at unitValueFen \(unitValueFen), got \(amount)"))
            }
        case (.some, .some):
            problems.append(FieldError(field: "\(field).amountFen", rule: "must not be given with quantity: a line gives goods or money, not both"))
        case (nil, nil):
            problems.append(FieldError(field: "\(field).quantity", rule: "quantity (goods) or amountFen (money for the item) is required"))
        }
        return problems
    }
}
