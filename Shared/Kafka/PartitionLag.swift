/// How far a consumer group is behind on one partition: its committed offset against the high watermark.
public struct PartitionLag: Sendable, Hashable {
    public var watermarks: PartitionWatermarks
    /// The offset the group will read next; nil when it has committed none on this partition.
    public var committed: Int64?

    public init(watermarks: PartitionWatermarks, committed: Int64?) {
        self.watermarks = watermarks
        self.committed = committed
    }

    public var topic: String { watermarks.topic }
    public var partition: Int32 { watermarks.partition }

    /// Records the group still has to read. Without a committed offset the group would start at the
    /// low watermark (the suite's consumers read from the earliest offset), so all of them count.
    public var lag: Int64 { max(0, watermarks.high - max(committed ?? watermarks.low, watermarks.low)) }
}
