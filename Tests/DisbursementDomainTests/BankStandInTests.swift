@testable import DisbursementDomain
import Testing

@Suite("Bank stand-in")
struct BankStandInTests {
    private let bigFile = PaymentFile(batchId: "B-9", attempt: 1, semester: Fixtures.autumn2026, lines: Fixtures.payments(10_000))

    private func failures(_ confirmation: BankConfirmation) -> Int {
        confirmation.results.filter { if case .failed = $0.outcome { true } else { false } }.count
    }

    @Test func sameSeedFileAndAttemptGiveTheSameAnswer() {
        let file = Fixtures.paymentFile(200)
        #expect(BankStandIn(failureRate: 0.3, seed: 42).confirm(file) == BankStandIn(failureRate: 0.3, seed: 42).confirm(file))
    }

    @Test func answerIsPinnedAcrossProcesses() {
        // A fixed expectation, not a comparison of two runs: it fails if the hash ever depends on the process.
        let answer = BankStandIn(failureRate: 0.5, seed: 7).confirm(Fixtures.paymentFile(8))
        let pattern = answer.results.map { if case .failed = $0.outcome { "F" } else { "P" } }.joined()
        #expect(pattern == Self.pinnedPattern)
    }

    /// Recorded once from this implementation; it may change only with a deliberate change of the hash.
    private static let pinnedPattern = "PPPFPFPF"

    @Test func hashIsFNV1a64() {
        // Reference vectors from the FNV specification.
        #expect(BankStandIn.fnv1a64("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(BankStandIn.fnv1a64("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(BankStandIn.fnv1a64("foobar".utf8) == 0x8594_4171_f739_67e8)
    }

    @Test func otherSeedOrAttemptGivesADifferentAnswer() {
        let file = Fixtures.paymentFile(200)
        let bank = BankStandIn(failureRate: 0.5, seed: 42)
        var retried = file
        retried.attempt = 2
        let outcomes = { (confirmation: BankConfirmation) in confirmation.results.map(\.outcome) }
        #expect(outcomes(bank.confirm(file)) != outcomes(BankStandIn(failureRate: 0.5, seed: 43).confirm(file)))
        #expect(outcomes(bank.confirm(file)) != outcomes(bank.confirm(retried)))
    }

    @Test func rateZeroNeverFails() {
        #expect(failures(BankStandIn(failureRate: 0, seed: 1).confirm(bigFile)) == 0)
    }

    @Test func rateOneAlwaysFails() {
        #expect(failures(BankStandIn(failureRate: 1, seed: 1).confirm(bigFile)) == 10_000)
    }

    @Test(arguments: [0.05, 0.2, 0.5, 0.9])
    func failsRoughlyTheRate(rate: Double) {
        // ±2 percentage points is more than 4 standard deviations at 10,000 lines.
        let observed = Double(failures(BankStandIn(failureRate: rate, seed: 2026).confirm(bigFile))) / 10_000
        #expect(abs(observed - rate) < 0.02)
    }

    @Test func failuresGiveRealisticReasonsAndUseThemAll() {
        let reasons = BankStandIn(failureRate: 1, seed: 5).confirm(Fixtures.paymentFile(300)).results.compactMap { result -> String? in
            if case .failed(let reason) = result.outcome { reason } else { nil }
        }
        #expect(Set(reasons) == ["account closed", "name mismatch", "account frozen"])
    }

    @Test func paidLinesGetUniqueBankReferences() throws {
        let file = Fixtures.paymentFile(3)
        let answer = BankStandIn(failureRate: 0, seed: 1).confirm(file)
        let references = answer.results.compactMap { result -> String? in
            if case .paid(let reference) = result.outcome { reference } else { nil }
        }
        #expect(references == ["SB-B-1-1-1", "SB-B-1-1-2", "SB-B-1-1-3"])
        #expect(answer.validate(against: file).isEmpty)
    }

    @Test func answerParsesAsAConfirmation() throws {
        let answer = BankStandIn(failureRate: 0.4, seed: 3).confirm(Fixtures.paymentFile(50))
        #expect(try BankConfirmation.parse(answer.render()) == answer)
    }
}
