/// When a child's pair ends or is re-matched. Pure: the caller applies the change to the child,
/// then asks what follows for its care.
public enum CareRules {
    /// `pairedVolunteer` is the volunteer of the child's active pair, if any.
    public static func decide(after change: ChildChange, child: ChildState, pairedVolunteer: VolunteerSlot?) -> CareDecision {
        guard let volunteer = pairedVolunteer else { return child.needsCare ? .seek : .keep }
        if !child.enrolled {
            return .end(change == .graduated ? .graduated : .withdrawn, seekAgain: false)
        }
        if !child.leftBehind { return .end(.noLongerLeftBehind, seekAgain: false) }
        // A child who moved stays with a volunteer who serves the new township too.
        return volunteer.serves(townCode: child.townCode) ? .keep : .end(.transferred, seekAgain: true)
    }
}
