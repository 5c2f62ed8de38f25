/// One line of `care-rooms.jsonl`: a care room for left-behind children (留守儿童之家) at a rural
/// school, its equipment, and the volunteers who care for the children one-to-one, in the shapes the
/// pairing service takes. Pairing matches each waiting child of the township with a volunteer
/// itself; a volunteer takes one or two children.
public struct CareRoomRecord: Codable, Sendable, Equatable {
    public struct Equipment: Codable, Sendable, Equatable {
        public var itemCode: String
        public var quantity: Int
    }

    public struct Volunteer: Codable, Sendable, Equatable {
        public var volunteerId: String
        public var name: String
        public var townCode: String
        public var schoolId: String?
        /// Children the volunteer can care for at once.
        public var capacity: Int
    }

    public var roomId: String
    public var schoolId: String
    public var openedOn: String
    public var equipment: [Equipment]
    public var volunteers: [Volunteer]
}
