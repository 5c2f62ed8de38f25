import Testing
import TrainingDomain

@Suite("Session seats and waitlist")
struct SessionRosterTests {
    static func request(_ id: String, prioritized: Bool = false, at sequence: Int64) -> SessionRoster.Waiting {
        SessionRoster.Waiting(enrolmentId: id, prioritized: prioritized, sequence: sequence)
    }

    @Test("requests take free seats until the session is full, then wait in line")
    func fillsThenWaits() throws {
        var roster = SessionRoster(capacity: 2, enrolled: [], waiting: [])
        #expect(try roster.request(Self.request("a", at: 1)) == .enrolled)
        #expect(try roster.request(Self.request("b", at: 2)) == .enrolled)
        #expect(try roster.request(Self.request("c", at: 3)) == .waitlisted(position: 1))
        #expect(try roster.request(Self.request("d", at: 4)) == .waitlisted(position: 2))
        #expect(roster.enrolled == ["a", "b"])
        #expect(roster.freeSeats == 0)
    }

    @Test("members of identified households wait ahead of others, each group in request order")
    func priorityThenTime() throws {
        var roster = SessionRoster(capacity: 1, enrolled: ["seated"], waiting: [])
        #expect(try roster.request(Self.request("plain-1", at: 10)) == .waitlisted(position: 1))
        #expect(try roster.request(Self.request("needy-1", prioritized: true, at: 11)) == .waitlisted(position: 1))
        #expect(try roster.request(Self.request("plain-2", at: 12)) == .waitlisted(position: 3))
        #expect(try roster.request(Self.request("needy-2", prioritized: true, at: 13)) == .waitlisted(position: 2))
        #expect(roster.waiting.map(\.enrolmentId) == ["needy-1", "needy-2", "plain-1", "plain-2"])
        #expect(roster.position(of: "plain-2") == 4)
        #expect(roster.position(of: "seated") == nil)
    }

    @Test("a stored waitlist is put in line order whatever order it is loaded in")
    func storedOrder() {
        let roster = SessionRoster(capacity: 1, enrolled: ["x"], waiting: [
            Self.request("late", at: 9), Self.request("needy-late", prioritized: true, at: 8),
            Self.request("early", at: 1), Self.request("needy-early", prioritized: true, at: 5),
        ])
        #expect(roster.waiting.map(\.enrolmentId) == ["needy-early", "needy-late", "early", "late"])
    }

    @Test("a withdrawal from a seat promotes the first in line; the line moves up")
    func withdrawalPromotesNext() throws {
        var roster = SessionRoster(capacity: 2, enrolled: ["a", "b"], waiting: [
            Self.request("plain", at: 3), Self.request("needy", prioritized: true, at: 4),
        ])
        let promoted = try roster.withdraw("a")
        #expect(promoted.map(\.enrolmentId) == ["needy"])
        #expect(roster.enrolled == ["b", "needy"])
        #expect(roster.position(of: "plain") == 1)
    }

    @Test("leaving the waitlist promotes nobody")
    func leavingTheLine() throws {
        var roster = SessionRoster(capacity: 1, enrolled: ["a"], waiting: [Self.request("b", at: 2), Self.request("c", at: 3)])
        #expect(try roster.withdraw("b").isEmpty)
        #expect(roster.enrolled == ["a"])
        #expect(roster.waiting.map(\.enrolmentId) == ["c"])
    }

    @Test("withdrawing with nobody waiting leaves a free seat for the next request")
    func freeSeatAfterWithdrawal() throws {
        var roster = SessionRoster(capacity: 1, enrolled: ["a"], waiting: [])
        #expect(try roster.withdraw("a").isEmpty)
        #expect(roster.freeSeats == 1)
        #expect(try roster.request(Self.request("b", at: 5)) == .enrolled)
    }

    @Test("the same enrolment cannot be on the roster twice, nor leave it when not on it")
    func rosterErrors() throws {
        var roster = SessionRoster(capacity: 1, enrolled: ["a"], waiting: [Self.request("b", at: 2)])
        #expect(throws: SessionRoster.RosterError.alreadyOnRoster("a")) { try roster.request(Self.request("a", at: 3)) }
        #expect(throws: SessionRoster.RosterError.alreadyOnRoster("b")) { try roster.request(Self.request("b", at: 3)) }
        #expect(throws: SessionRoster.RosterError.notOnRoster("z")) { try roster.withdraw("z") }
    }

    @Test("more seats go to the first in line; fewer seats than enrolled trainees are refused")
    func resizing() throws {
        var roster = SessionRoster(capacity: 1, enrolled: ["a"], waiting: [
            Self.request("b", at: 2), Self.request("c", prioritized: true, at: 3), Self.request("d", at: 4),
        ])
        #expect(try roster.resize(to: 3).map(\.enrolmentId) == ["c", "b"])
        #expect(roster.waiting.map(\.enrolmentId) == ["d"])
        #expect(throws: SessionRoster.RosterError.capacityBelowEnrolled(capacity: 2, enrolled: 3)) { try roster.resize(to: 2) }
        #expect(throws: SessionRoster.RosterError.capacityOutOfRange(0)) { try roster.resize(to: 0) }
        #expect(roster.capacity == 3)
    }
}
