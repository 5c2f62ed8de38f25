import PairingDomain
import Testing

@Suite("Pairing request validation")
struct DraftValidationTests {
    @Test func volunteers() {
        #expect(VolunteerDraft(volunteerId: "VOL-1", name: "Wang Fang", townCode: "370785104", schoolId: "SCH-1", capacity: 2).validate().isEmpty)
        let bad = VolunteerDraft(volunteerId: "VOL 1", name: " ", townCode: "3707", schoolId: nil, capacity: 9)
        #expect(bad.validate().map(\.field) == ["volunteerId", "name", "townCode", "capacity"])
        #expect(bad.validate().last?.rule == "must be between 1 and 5, got 9")
    }

    @Test func activities() {
        #expect(ActivityDraft(kind: .sharedLesson, heldOn: "2026-10-15", participants: 80, summary: "Maths lesson over video").validate().isEmpty)
        #expect(ActivityDraft(kind: .visit, heldOn: "2026-02-30", participants: 0, summary: "").validate().map(\.field) == ["heldOn", "participants", "summary"])
    }

    @Test func careRoomsListEachItemOnce() {
        let room = CareRoomDraft(roomId: "ROOM-1", schoolId: "SCH-1", openedOn: "2026-09-01", equipment: [
            EquipmentItem(itemCode: "video-phone", quantity: 1), EquipmentItem(itemCode: "bookshelf", quantity: 2),
            EquipmentItem(itemCode: "video-phone", quantity: 1), EquipmentItem(itemCode: "Books", quantity: -1),
        ])
        #expect(room.validate() == [
            FieldError(field: "equipment[2].itemCode", rule: "'video-phone' is already listed at equipment[0]; list each item once"),
            FieldError(field: "equipment[3].itemCode", rule: "must be 2–40 lower-case letters, digits or '-' starting with a letter, got 'Books'"),
            FieldError(field: "equipment[3].quantity", rule: "must be between 0 and 10000, got -1"),
        ])
    }

    @Test func openingRecords() {
        #expect(OpeningRecordDraft(openedOn: "2026-10-16", hours: 3, childrenPresent: 14, volunteersPresent: 2).validate().isEmpty)
        #expect(OpeningRecordDraft(openedOn: "16/10/2026", hours: 0, childrenPresent: 14, volunteersPresent: 2).validate().map(\.field) == ["openedOn", "hours"])
    }
}
