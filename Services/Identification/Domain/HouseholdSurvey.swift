import AidContracts

/// What a household declares when applying for aid without being on a registry list. The survey
/// is verified separately; see `VerificationVerdict`.
public struct HouseholdSurvey: Hashable, Codable, Sendable {
    public enum Housing: String, Hashable, Codable, Sendable, CaseIterable {
        case safe
        case dilapidated
        case none
    }

    /// People in the household, the applicant included: 1–30.
    public var members: Int
    /// Total household income over the last year.
    public var annualIncomeFen: Fen
    public var housing: Housing
    public var seriousIllness: Bool
    public var disabledMembers: Int
    public var leftBehind: Bool
    public var singleParent: Bool

    public init(members: Int, annualIncomeFen: Fen, housing: Housing = .safe, seriousIllness: Bool = false,
                disabledMembers: Int = 0, leftBehind: Bool = false, singleParent: Bool = false) {
        self.members = members
        self.annualIncomeFen = annualIncomeFen
        self.housing = housing
        self.seriousIllness = seriousIllness
        self.disabledMembers = disabledMembers
        self.leftBehind = leftBehind
        self.singleParent = singleParent
    }

    /// Annual income per member, rounded down. Rounding down cannot change a "below threshold"
    /// comparison against a whole number of fen. Only meaningful once `validate()` passes; the
    /// divisor is clamped so an invalid survey cannot crash the caller.
    public var perCapitaIncomeFen: Fen {
        annualIncomeFen / Fen(max(members, 1))
    }

    /// The hardship circumstances this survey shows, in `HardshipFactor.allCases` order.
    public var hardships: [HardshipFactor] {
        HardshipFactor.allCases.filter { factor in
            switch factor {
            case .seriousIllness: seriousIllness
            case .unsafeHousing: housing != .safe
            case .disabledMembers: disabledMembers > 0
            case .leftBehind: leftBehind
            case .singleParent: singleParent
            }
        }
    }

    /// Every broken rule, empty when the survey can be used for a decision.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if !(1...30).contains(members) {
            errors.append(FieldError(field: "members", rule: "must be between 1 and 30, got \(members)"))
        }
        if annualIncomeFen < 0 {
            errors.append(FieldError(field: "annualIncomeFen", rule: "must not be negative, got \(annualIncomeFen)"))
        }
        if disabledMembers < 0 {
            errors.append(FieldError(field: "disabledMembers", rule: "must not be negative, got \(disabledMembers)"))
        } else if disabledMembers > members {
            errors.append(FieldError(field: "disabledMembers",
                                     rule: "must not exceed members (\(members)), got \(disabledMembers)"))
        }
        return errors
    }
}
