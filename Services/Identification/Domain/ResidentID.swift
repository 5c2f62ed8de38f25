import AidContracts

/// An 18-character PRC resident identity number (居民身份证号码) that has passed every structural
/// check: digits, region code, a real birth date, and the ISO 7064 MOD 11-2 check digit.
///
/// Holding a `ResidentID` proves only that the number is well formed, not that it was issued.
public struct ResidentID: Hashable, Codable, Sendable {
    /// The number with a lowercase check character normalised to `X`, so equal numbers compare equal.
    public let value: String
    /// The 6-digit administrative region where the number was first issued.
    public let regionCode: String
    public let birthDate: CalendarDay

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432")

    /// Checks the rules in the order a clerk would read the number and reports the first one broken.
    /// - Parameter today: the last acceptable birth date; injectable so tests and re-runs of an
    ///   import give the same answer on any day.
    public init(validating text: String, today: CalendarDay = .today()) throws(ResidentIDError) {
        let characters = Array(text)
        guard characters.count == 18 else { throw .wrongLength(actual: characters.count) }
        for (index, character) in characters.prefix(17).enumerated() where !Self.isDigit(character) {
            throw .notADigit(position: index + 1, found: character)
        }
        let checkCharacter: Character = characters[17] == "x" ? "X" : characters[17]
        guard Self.isDigit(checkCharacter) || checkCharacter == "X" else {
            throw .invalidCheckCharacter(found: characters[17])
        }
        guard characters[0] != "0" else { throw .regionCodeStartsWithZero }

        let birthDigits = String(characters[6..<14])
        guard let birthDate = CalendarDay(compact: Substring(birthDigits)) else {
            throw .birthDateNotARealDay(birthDigits)
        }
        guard birthDate.year >= 1900 else { throw .birthDateBefore1900(birthDate) }
        guard birthDate <= today else { throw .birthDateInFuture(birthDate, today: today) }

        let first17 = String(characters.prefix(17))
        let expected = Self.checkDigit(for: first17)
        guard checkCharacter == expected else { throw .checkDigitMismatch(expected: expected, actual: checkCharacter) }

        value = first17 + String(checkCharacter)
        regionCode = String(characters.prefix(6))
        self.birthDate = birthDate
    }

    /// The ISO 7064 MOD 11-2 check character for the first 17 digits of a number.
    /// - Precondition: `first17` is exactly 17 ASCII digits; anything else is a programming error
    ///   because callers validate before asking.
    public static func checkDigit(for first17: String) -> Character {
        let digits = first17.compactMap { isDigit($0) ? $0.wholeNumberValue : nil }
        precondition(first17.count == 17 && digits.count == 17, "check digit needs exactly 17 ASCII digits")
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// Decoding re-validates, so a `ResidentID` read from storage or a message is as trustworthy as
    /// one typed in.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try ResidentID(validating: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "resident id \(error.description)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    /// `Character.isNumber` would also accept full-width and other scripts' digits.
    private static func isDigit(_ character: Character) -> Bool {
        ("0"..."9").contains(character)
    }
}
