import AidContracts
import Foundation
import PairingDomain
import Testing

@Suite("Care matching: volunteers and left-behind children")
struct CareMatcherTests {
    static let start = Date(timeIntervalSince1970: 1_788_000_000)

    static func child(_ id: String, school: String = "SCH-1", town: String = "370785104", waitedMinutes: Int = 0) -> WaitingChild {
        WaitingChild(studentId: id, schoolId: school, townCode: town, waitingSince: start.addingTimeInterval(-Double(waitedMinutes) * 60))
    }

    static func volunteer(_ id: String, town: String = "370785104", school: String? = nil, capacity: Int = 1, active: Int = 0) -> VolunteerSlot {
        VolunteerSlot(volunteerId: id, townCode: town, schoolId: school, capacity: capacity, activePairs: active)
    }

    @Test func aVolunteerOfTheChildsOwnSchoolComesFirst() {
        let matches = CareMatcher.match(
            children: [Self.child("STU-1")],
            volunteers: [Self.volunteer("V-TOWN"), Self.volunteer("V-SCHOOL", school: "SCH-1")])
        #expect(matches == [CareAssignment(studentId: "STU-1", volunteerId: "V-SCHOOL", match: .sameSchool)])
    }

    @Test func childrenAreMatchedOnlyInTheirOwnTownship() {
        let matches = CareMatcher.match(children: [Self.child("STU-1", town: "370785106")], volunteers: [Self.volunteer("V-1")])
        #expect(matches.isEmpty)
    }

    @Test func capacityIsNeverExceededAndTheLongestWaitingGoFirst() {
        let matches = CareMatcher.match(
            children: [Self.child("STU-NEW", waitedMinutes: 1), Self.child("STU-OLD", waitedMinutes: 600), Self.child("STU-MID", waitedMinutes: 60)],
            volunteers: [Self.volunteer("V-1", capacity: 2, active: 1), Self.volunteer("V-2", capacity: 1)])
        #expect(matches.map(\.studentId) == ["STU-OLD", "STU-MID"])
        #expect(Set(matches.map(\.volunteerId)) == ["V-1", "V-2"])
    }

    @Test func theLoadIsSpreadOverVolunteers() {
        let matches = CareMatcher.match(
            children: (1...4).map { Self.child("STU-\($0)", waitedMinutes: 10 - $0) },
            volunteers: [Self.volunteer("V-A", capacity: 3, active: 1), Self.volunteer("V-B", capacity: 3)])
        #expect(matches.map(\.volunteerId) == ["V-B", "V-A", "V-B", "V-A"])
        #expect(matches.allSatisfy { $0.match == .sameTown })
    }

    @Test func theOrderOfTheInputsDoesNotChangeTheMatches() {
        let children = (1...9).map { Self.child("STU-\($0)", school: "SCH-\($0 % 3)", waitedMinutes: $0 % 4) }
        let volunteers = [Self.volunteer("V-1", school: "SCH-1", capacity: 2), Self.volunteer("V-2", capacity: 3), Self.volunteer("V-3", school: "SCH-0", capacity: 2)]
        let expected = CareMatcher.match(children: children, volunteers: volunteers)
        for _ in 0..<20 {
            #expect(CareMatcher.match(children: children.shuffled(), volunteers: volunteers.shuffled()) == expected)
        }
    }

    @Test func aChildWaitingTooLongIsOverdue() {
        let policy = WaitingPolicy(maximumWait: .seconds(72 * 3600))
        #expect(!policy.isOverdue(waitingSince: Self.start, now: Self.start.addingTimeInterval(71 * 3600)))
        #expect(policy.isOverdue(waitingSince: Self.start, now: Self.start.addingTimeInterval(72 * 3600)))
        #expect(policy.hoursWaited(since: Self.start, now: Self.start.addingTimeInterval(80 * 3600 + 59)) == 80)
    }
}
