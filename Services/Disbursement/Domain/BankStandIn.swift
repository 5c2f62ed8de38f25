/// A local stand-in for the bank, for development and tests only: it answers payment files
/// deterministically, failing a share of payments the way a real bank does, without any real bank.
///
/// The outcome of a payment depends only on (seed, payment id, attempt), so a run can be reproduced and a
/// retried payment gets a fresh chance. The hash is implemented here because Swift's `Hasher` is seeded
/// randomly per process and would answer differently on every run.
public struct BankStandIn: Sendable {
    /// Reasons a real bank gives for rejecting a credit to a family's account.
    public static let failureReasons = ["account closed", "name mismatch", "account frozen"]

    public let failureRate: Double
    public let seed: UInt64

    /// - Parameter failureRate: share of payments to fail, from 0 (none) to 1 (all).
    public init(failureRate: Double, seed: UInt64) {
        precondition((0...1).contains(failureRate), "BankStandIn failureRate must be between 0 and 1, got \(failureRate)")
        self.failureRate = failureRate
        self.seed = seed
    }

    public func confirm(_ file: PaymentFile) -> BankConfirmation {
        let results = file.lines.enumerated().map { index, line in
            let draw = Self.hash(seed: seed, paymentId: line.paymentId, attempt: file.attempt)
            // Top 53 bits as a uniform value in [0, 1): below 0 never happens, below 1 always does.
            let uniform = Double(draw >> 11) / Double(UInt64(1) << 53)
            guard uniform < failureRate else {
                // The attempt is part of the reference so a retried payment never reuses an earlier one.
                return ConfirmationLine(
                    paymentId: line.paymentId, outcome: .paid(bankReference: "SB-\(file.batchId)-\(file.attempt)-\(index + 1)"))
            }
            // The low bits pick the reason; the high bits decided the failure.
            let reason = Self.failureReasons[Int(draw % UInt64(Self.failureReasons.count))]
            return ConfirmationLine(paymentId: line.paymentId, outcome: .failed(reason: reason))
        }
        return BankConfirmation(batchId: file.batchId, attempt: file.attempt, results: results)
    }

    /// FNV-1a 64 over the seed, payment id and attempt, then the SplitMix64 finaliser: FNV-1a alone leaves
    /// the high bits poorly mixed for ids that differ only in their last characters ("pay-1", "pay-2").
    static func hash(seed: UInt64, paymentId: String, attempt: Int) -> UInt64 {
        var bytes = withUnsafeBytes(of: seed.littleEndian) { Array($0) }
        bytes += paymentId.utf8
        // A byte UTF-8 text never contains, so the id cannot run into the attempt's bytes.
        bytes.append(0xff)
        bytes += withUnsafeBytes(of: Int64(attempt).littleEndian) { Array($0) }

        var z = fnv1a64(bytes) &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
    }
}
