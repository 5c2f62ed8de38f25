extension DecodingError {
    /// The field that broke, named the way validation names fields (`programs[2].amounts[0].amountFen`);
    /// empty when the document as a whole could not be read.
    public var field: String { field(below: []) }

    /// The field as named from a nested decoder's position: its coding path (e.g. the index of an
    /// array element that is reported separately) is left off the front.
    public func field(below position: [any CodingKey]) -> String {
        let path: [any CodingKey] = switch self {
        case .keyNotFound(let key, let context): context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): context.codingPath
        @unknown default: []
        }
        return path.dropFirst(position.count).reduce(into: "") { text, key in
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
    }

    /// The rule the field broke, phrased to follow its name: "is required", "must be Int".
    public var rule: String {
        switch self {
        case .keyNotFound: "is required"
        case .typeMismatch(let type, _): "must be \(type)"
        case .valueNotFound(let type, _): "must be a \(type), not null"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "\(self)"
        }
    }
}
