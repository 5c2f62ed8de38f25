/// The steps an allocation takes after a run: delivery (recorded by the federation) and acceptance
/// (confirmed by the school). Each happens once; a repeated request is refused, not repeated.
public enum AllocationLifecycle {
    public static func deliver(
        allocationId: String, status: AllocationStatus, schoolId: String, schoolOpen: Bool
    ) throws(AllocationTransitionError) -> AllocationStatus {
        guard status == .allocated else { throw .wrongStatus(allocationId: allocationId, status: status, action: .deliver) }
        guard schoolOpen else { throw .schoolClosed(allocationId: allocationId, schoolId: schoolId) }
        return .delivered
    }

    /// Dates are ISO 8601 calendar days, which order correctly as text.
    public static func accept(
        allocationId: String, status: AllocationStatus, deliveredOn: String?, acceptedOn: String
    ) throws(AllocationTransitionError) -> AllocationStatus {
        guard status == .delivered, let deliveredOn else {
            throw .wrongStatus(allocationId: allocationId, status: status, action: .accept)
        }
        guard acceptedOn >= deliveredOn else {
            throw .acceptedBeforeDelivery(allocationId: allocationId, deliveredOn: deliveredOn, acceptedOn: acceptedOn)
        }
        return .accepted
    }
}
