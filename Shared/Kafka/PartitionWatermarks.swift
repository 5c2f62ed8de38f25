/// The first (`low`) and next-to-be-written (`high`) offsets of one partition.
public struct PartitionWatermarks: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var low: Int64
    public var high: Int64

    public init(topic: String, partition: Int32, low: Int64, high: Int64) {
        self.topic = topic
        self.partition = partition
        self.low = low
        self.high = high
    }

    /// How many records the partition holds now.
    public var count: Int64 { high - low }
}
