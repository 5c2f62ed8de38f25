import AidContracts
import Foundation

/// What one program pays per semester to a student of one stage and need tier.
///
/// Amounts are keyed by stage as well as tier because some programs (the boarding subsidy) pay
/// differently per stage. A (stage, tier) pair without a row gets nothing from the program.
public struct GrantAmount: Sendable, Hashable, Codable {
    public var stage: Stage
    public var tier: NeedTier
    /// Per semester: half the yearly policy amount.
    public var amountFen: Fen

    public init(stage: Stage, tier: NeedTier, amountFen: Fen) {
        self.stage = stage
        self.tier = tier
        self.amountFen = amountFen
    }

    private enum CodingKeys: String, CodingKey {
        case stage, tier, amountFen
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stage = try container.decode(Stage.self, forKey: .stage)
        tier = try container.decode(NeedTier.self, forKey: .tier)
        do {
            amountFen = try container.decode(Fen.self, forKey: .amountFen)
        } catch {
            // JSONDecoder reports a fractional number for an integer as "not valid JSON", which hides the
            // real mistake (yuan or a fraction of a fen posted where whole fen are required). Read it as a
            // Decimal only to name the offending value; money is never held in anything but Fen.
            guard var number = try? container.decode(Decimal.self, forKey: .amountFen) else { throw error }
            var whole = Decimal()
            NSDecimalRound(&whole, &number, 0, .plain)
            let problem = whole == number ? "is too large to be an amount of fen" : "must be a whole number of fen"
            throw DecodingError.dataCorruptedError(
                forKey: .amountFen, in: container, debugDescription: "\(problem), got \(number)")
        }
    }
}
