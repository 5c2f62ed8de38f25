import AidContracts

/// The first rule a resident identity number broke. Messages name the rule and what was found,
/// but never repeat the whole number: it is personal data and these messages end up in logs.
public enum ResidentIDError: Error, Sendable, Equatable, CustomStringConvertible {
    case wrongLength(actual: Int)
    /// `position` is 1-based, as people count characters on a card.
    case notADigit(position: Int, found: Character)
    case invalidCheckCharacter(found: Character)
    case regionCodeStartsWithZero
    case birthDateNotARealDay(String)
    case birthDateBefore1900(CalendarDay)
    case birthDateInFuture(CalendarDay, today: CalendarDay)
    case checkDigitMismatch(expected: Character, actual: Character)

    public var description: String {
        switch self {
        case .wrongLength(let actual):
            "must be 18 characters, got \(actual)"
        case .notADigit(let position, let found):
            "character \(position) must be a digit 0-9, got '\(found)'"
        case .invalidCheckCharacter(let found):
            "character 18 must be a digit 0-9 or X, got '\(found)'"
        case .regionCodeStartsWithZero:
            "region code (characters 1-6) must not start with 0"
        case .birthDateNotARealDay(let digits):
            "birth date (characters 7-14) must be a real day written yyyyMMdd, got \(digits)"
        case .birthDateBefore1900(let date):
            "birth date must be on or after 1900-01-01, got \(date)"
        case .birthDateInFuture(let date, let today):
            "birth date must not be after today (\(today)), got \(date)"
        case .checkDigitMismatch(let expected, let actual):
            "check digit must be \(expected), got \(actual)"
        }
    }
}
