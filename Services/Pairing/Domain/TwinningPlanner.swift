import AidContracts

/// Pairs weak schools with strong urban schools. Pure and deterministic: input order does not
/// matter, and schools already twinned are not offered to it, so a run changes no existing pair.
public enum TwinningPlanner {
    /// Weak schools are served in this order: those serving key poverty villages first, then rural
    /// schools before city ones, then by id. Each takes the nearest strong school that teaches one
    /// of its stages and has free capacity (ties by id). A rural school's partner may be anywhere in
    /// the city (urban–rural twinning); a city school's partner must be within `nearbyMetres`.
    public static func plan(weak: [WeakSchool], strong: [StrongSchool], nearbyMetres: Int) -> TwinningPlan {
        var capacity = Dictionary(strong.map { ($0.schoolId, $0.freeCapacity) }, uniquingKeysWith: max)
        var pairs: [PlannedTwinning] = []
        var unpaired: [UnpairedSchool] = []
        for school in weak.sorted(by: servedBefore) {
            guard let location = school.location else {
                unpaired.append(UnpairedSchool(schoolId: school.schoolId, reason: "no location registered; register the school's coordinates"))
                continue
            }
            let candidates = strong
                .filter { (capacity[$0.schoolId] ?? 0) > 0 && !Set($0.stages).isDisjoint(with: school.stages) && $0.schoolId != school.schoolId }
                .map { (school: $0, metres: $0.location.metres(to: location)) }
                .filter { school.isRural || $0.metres <= nearbyMetres }
                .sorted { ($0.metres, $0.school.schoolId) < ($1.metres, $1.school.schoolId) }
            guard let chosen = candidates.first else {
                let limit = school.isRural ? "" : " within \(nearbyMetres) m"
                unpaired.append(UnpairedSchool(
                    schoolId: school.schoolId,
                    reason: "no strong school teaching \(school.stages.map(\.rawValue).joined(separator: " or ")) has free capacity\(limit)"))
                continue
            }
            capacity[chosen.school.schoolId, default: 0] -= 1
            let shared = school.stages.filter(chosen.school.stages.contains)
            let priority = school.servesKeyPovertyVillage ? "serves a key poverty village, paired first" : "weak school"
            pairs.append(PlannedTwinning(
                weakSchoolId: school.schoolId, strongSchoolId: chosen.school.schoolId, kind: school.isRural ? .urbanRural : .intraCity,
                stages: shared, distanceMetres: chosen.metres, keyPovertyVillage: school.servesKeyPovertyVillage,
                explanation: "\(school.schoolId) (\(priority)) takes the nearest strong school teaching \(shared.map(\.rawValue).joined(separator: ", ")) "
                    + "with free capacity: \(chosen.school.schoolId), \(chosen.metres) m away, \(candidates.count - 1) other candidates"))
        }
        return TwinningPlan(pairs: pairs, unpaired: unpaired)
    }

    private static func servedBefore(_ a: WeakSchool, _ b: WeakSchool) -> Bool {
        if a.servesKeyPovertyVillage != b.servesKeyPovertyVillage { return a.servesKeyPovertyVillage }
        if a.isRural != b.isRural { return a.isRural }
        return a.schoolId < b.schoolId
    }
}
