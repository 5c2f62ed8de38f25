/// One item an assessed school needs, and how many.
public struct NeedDraft: Codable, Sendable, Equatable {
    public var itemCode: String
    public var quantity: Int

    public init(itemCode: String, quantity: Int) {
        self.itemCode = itemCode
        self.quantity = quantity
    }
}
