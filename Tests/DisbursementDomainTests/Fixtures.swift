import AidContracts
import DisbursementDomain

/// Values shared by the suites, realistic enough to read like production data.
enum Fixtures {
    static let autumn2026 = Semester(year: 2026, term: .autumn)
    static let spring2026 = Semester(year: 2026, term: .spring)
    static let spring2027 = Semester(year: 2027, term: .spring)

    static func payments(_ count: Int, amountFen: Fen = 50_000) -> [PaymentLine] {
        (1...count).map {
            PaymentLine(
                paymentId: "pay-2026A-\($0)", entitlementId: "ent-2026A-\($0)", payeeReference: "payee-\($0)", amountFen: amountFen)
        }
    }

    static func paymentFile(_ count: Int = 3) -> PaymentFile {
        PaymentFile(batchId: "B-1", attempt: 1, semester: autumn2026, lines: payments(count))
    }
}
