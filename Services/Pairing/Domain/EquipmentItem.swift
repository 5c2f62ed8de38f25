/// One kind of equipment in a care room and how many (a video phone for calling parents, desks,
/// bookshelves, books).
public struct EquipmentItem: Codable, Sendable, Equatable {
    public var itemCode: String
    public var quantity: Int

    public init(itemCode: String, quantity: Int) {
        self.itemCode = itemCode
        self.quantity = quantity
    }

    /// A room's whole list: each item once, lower-case codes, sensible counts.
    public static func validate(_ items: [EquipmentItem], field: String) -> [FieldError] {
        var problems: [FieldError] = []
        if items.count > 100 { problems.append(FieldError(field: field, rule: "must list at most 100 items, got \(items.count)")) }
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let path = "\(field)[\(index)]"
            if item.itemCode.range(of: "^[a-z][a-z0-9-]{1,39}$", options: .regularExpression) == nil {
                problems.append(FieldError(field: "\(path).itemCode", rule: "must be 2–40 lower-case letters, digits or '-' starting with a letter, got '\(item.itemCode)'"))
            }
            if let problem = FieldRules.range(item.quantity, 0...10_000, field: "\(path).quantity") { problems.append(problem) }
            if let first = seen[item.itemCode] {
                problems.append(FieldError(field: "\(path).itemCode", rule: "'\(item.itemCode)' is already listed at \(field)[\(first)]; list each item once"))
            } else {
                seen[item.itemCode] = index
            }
        }
        return problems
    }
}
