/// Matches waiting left-behind children with volunteers, one to one. Pure and deterministic.
public enum CareMatcher {
    /// Children are served longest-waiting first (then by id). Each takes a volunteer of their own
    /// township with free capacity: one of their own school before any other, then the one caring
    /// for the fewest children (so the load spreads), then by id. A child with no such volunteer
    /// keeps waiting; the caller lists them once they have waited too long.
    public static func match(children: [WaitingChild], volunteers: [VolunteerSlot]) -> [CareAssignment] {
        var slots = volunteers.filter { $0.activePairs < $0.capacity }
        var assignments: [CareAssignment] = []
        let ordered = children.sorted { ($0.waitingSince, $0.studentId) < ($1.waitingSince, $1.studentId) }
        for child in ordered {
            let candidates = slots.indices.filter { slots[$0].serves(townCode: child.townCode) && slots[$0].activePairs < slots[$0].capacity }
            let chosen = candidates.min { a, b in
                let (x, y) = (slots[a], slots[b])
                let xSame = x.schoolId == child.schoolId, ySame = y.schoolId == child.schoolId
                if xSame != ySame { return xSame }
                if x.activePairs != y.activePairs { return x.activePairs < y.activePairs }
                return x.volunteerId < y.volunteerId
            }
            guard let chosen else { continue }
            slots[chosen].activePairs += 1
            assignments.append(CareAssignment(
                studentId: child.studentId, volunteerId: slots[chosen].volunteerId,
                match: slots[chosen].schoolId == child.schoolId ? .sameSchool : .sameTown))
        }
        return assignments
    }
}
