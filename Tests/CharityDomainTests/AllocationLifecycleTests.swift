import CharityDomain
import Testing

@Suite("Allocation delivery and acceptance")
struct AllocationLifecycleTests {
    @Test func allocatedIsDeliveredThenAccepted() throws {
        let delivered = try AllocationLifecycle.deliver(allocationId: "RUN-1-1", status: .allocated, schoolId: "SCH-A", schoolOpen: true)
        #expect(delivered == .delivered)
        #expect(try AllocationLifecycle.accept(allocationId: "RUN-1-1", status: delivered, deliveredOn: "2026-10-01", acceptedOn: "2026-10-01") == .accepted)
    }

    @Test func eachStepHappensOnce() {
        #expect(throws: AllocationTransitionError.wrongStatus(allocationId: "RUN-1-1", status: .delivered, action: .deliver)) {
            try AllocationLifecycle.deliver(allocationId: "RUN-1-1", status: .delivered, schoolId: "SCH-A", schoolOpen: true)
        }
        #expect(throws: AllocationTransitionError.wrongStatus(allocationId: "RUN-1-1", status: .accepted, action: .accept)) {
            try AllocationLifecycle.accept(allocationId: "RUN-1-1", status: .accepted, deliveredOn: "2026-10-01", acceptedOn: "2026-10-02")
        }
    }

    @Test func nothingIsAcceptedBeforeItIsDelivered() {
        #expect(throws: AllocationTransitionError.wrongStatus(allocationId: "RUN-1-1", status: .allocated, action: .accept)) {
            try AllocationLifecycle.accept(allocationId: "RUN-1-1", status: .allocated, deliveredOn: nil, acceptedOn: "2026-10-02")
        }
        let early = AllocationTransitionError.acceptedBeforeDelivery(allocationId: "RUN-1-1", deliveredOn: "2026-10-05", acceptedOn: "2026-10-02")
        #expect(throws: early) {
            try AllocationLifecycle.accept(allocationId: "RUN-1-1", status: .delivered, deliveredOn: "2026-10-05", acceptedOn: "2026-10-02")
        }
        #expect(early.field == "acceptedOn")
        #expect(early.description == "allocation RUN-1-1 was delivered on 2026-10-05; it cannot be accepted earlier, on 2026-10-02")
    }

    @Test func cancelledAllocationsAndClosedSchoolsGetNoDelivery() {
        #expect(throws: AllocationTransitionError.wrongStatus(allocationId: "RUN-1-1", status: .cancelled, action: .deliver)) {
            try AllocationLifecycle.deliver(allocationId: "RUN-1-1", status: .cancelled, schoolId: "SCH-A", schoolOpen: true)
        }
        #expect(throws: AllocationTransitionError.schoolClosed(allocationId: "RUN-1-1", schoolId: "SCH-A")) {
            try AllocationLifecycle.deliver(allocationId: "RUN-1-1", status: .allocated, schoolId: "SCH-A", schoolOpen: false)
        }
        #expect(AllocationStatus.allCases.filter(\.holdsUnits) == [.allocated, .delivered, .accepted])
    }
}
