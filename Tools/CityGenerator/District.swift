/// One county-level district of the synthetic city. At scale 1 the city is one district the size of
/// the reference city; at scale 10 or 100 it is 10 or 100 such districts, generated one at a time.
public struct District: Sendable {
    static let urbanTownNames = ["东城街道", "西城街道", "南湖街道", "北苑街道"]
    static let ruralTownNames = ["柳河镇", "石桥镇", "杏林镇", "青龙镇", "白马镇", "桃源镇"]
    private static let nameHeads = Array("安宁平和康泰丰顺兴华")
    private static let nameTails = Array("河山川原阳城水林丘湖")
    /// More districts than this would run out of the synthetic codes below.
    public static let maximumCount = 999

    public let index: Int
    /// 6 digits. The first district has the reference city's code, 370785; the others get codes under
    /// 379, a prefix no Shandong prefecture uses, so they cannot be mistaken for real places.
    public let code: String
    public let name: String
    public let towns: [Town]

    public init(index: Int) {
        precondition((0..<Self.maximumCount).contains(index), "district index out of range")
        self.index = index
        let code = index == 0 ? "370785" : "379" + index.padded(3)
        let name = "\(Self.nameHeads[index % 10])\(Self.nameTails[(index / 10) % 10])区"
        let prefix = index == 0 ? "" : name
        self.code = code
        self.name = name
        towns = Self.urbanTownNames.enumerated().map { offset, town in
            Town(code: code + (offset + 1).padded(3), name: prefix + town, isRural: false)
        } + Self.ruralTownNames.enumerated().map { offset, town in
            Town(code: code + (101 + offset).padded(3), name: prefix + town, isRural: true)
        }
    }

    public var urbanTowns: [Town] { towns.filter { !$0.isRural } }
    public var ruralTowns: [Town] { towns.filter(\.isRural) }
}
