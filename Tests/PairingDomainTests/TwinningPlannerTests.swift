import AidContracts
import PairingDomain
import Testing

@Suite("Twinning planner")
struct TwinningPlannerTests {
    // Gaomi city centre and points east and west of it; 0.01° of longitude here is about 890 m.
    static func point(east hundredths: Int) -> GeoPoint { GeoPoint(latitudeMicro: 36_383_000, longitudeMicro: 119_755_000 + hundredths * 10_000) }

    static func weak(_ id: String, east: Int?, stages: [Stage] = [.primary], rural: Bool = true, keyPoverty: Bool = false) -> WeakSchool {
        WeakSchool(schoolId: id, stages: stages, isRural: rural, servesKeyPovertyVillage: keyPoverty, location: east.map(point(east:)))
    }

    static func strong(_ id: String, east: Int, stages: [Stage] = [.primary], capacity: Int = 1) -> StrongSchool {
        StrongSchool(schoolId: id, stages: stages, location: point(east: east), freeCapacity: capacity)
    }

    @Test func keyPovertyVillageSchoolsArePairedFirstWithTheNearestStrongSchool() {
        let plan = TwinningPlanner.plan(
            weak: [Self.weak("W-A", east: 30), Self.weak("W-B", east: 31, keyPoverty: true)],
            strong: [Self.strong("S-FAR", east: -20), Self.strong("S-NEAR", east: 5)],
            nearbyMetres: 5_000)
        #expect(plan.pairs.map { "\($0.weakSchoolId)→\($0.strongSchoolId)" } == ["W-B→S-NEAR", "W-A→S-FAR"])
        #expect(plan.pairs.map(\.kind) == [.urbanRural, .urbanRural])
        #expect(plan.pairs.first?.keyPovertyVillage == true)
        #expect(plan.unpaired.isEmpty)
    }

    @Test func capacityIsNeverExceeded() {
        let weak = (1...5).map { Self.weak("W-\($0)", east: 20 + $0) }
        let plan = TwinningPlanner.plan(weak: weak, strong: [Self.strong("S-1", east: 0, capacity: 2), Self.strong("S-2", east: -30, capacity: 1)], nearbyMetres: 5_000)
        #expect(plan.pairs.map(\.strongSchoolId) == ["S-1", "S-1", "S-2"])
        #expect(plan.unpaired.map(\.schoolId) == ["W-4", "W-5"])
        #expect(plan.unpaired.first?.reason == "no strong school teaching primary has free capacity")
    }

    @Test func partnersShareAStage() {
        let plan = TwinningPlanner.plan(
            weak: [Self.weak("W-1", east: 10, stages: [.primary, .juniorSecondary])],
            strong: [Self.strong("S-SENIOR", east: 9, stages: [.seniorSecondary]), Self.strong("S-JUNIOR", east: 0, stages: [.juniorSecondary, .seniorSecondary])],
            nearbyMetres: 5_000)
        #expect(plan.pairs.map(\.strongSchoolId) == ["S-JUNIOR"])
        #expect(plan.pairs.first?.stages == [.juniorSecondary])
    }

    @Test func cityPairsMustBeNearby() {
        let plan = TwinningPlanner.plan(
            weak: [Self.weak("W-CITY-NEAR", east: 3, rural: false), Self.weak("W-CITY-FAR", east: 40, rural: false), Self.weak("W-RURAL-FAR", east: 41)],
            strong: [Self.strong("S-1", east: 0, capacity: 3)],
            nearbyMetres: 5_000)
        #expect(plan.pairs.map { "\($0.weakSchoolId) \($0.kind.rawValue)" } == ["W-RURAL-FAR urban-rural", "W-CITY-NEAR intra-city"])
        #expect(plan.unpaired == [UnpairedSchool(schoolId: "W-CITY-FAR", reason: "no strong school teaching primary has free capacity within 5000 m")])
    }

    @Test func aSchoolWithoutCoordinatesWaits() {
        let plan = TwinningPlanner.plan(weak: [Self.weak("W-1", east: nil)], strong: [Self.strong("S-1", east: 0)], nearbyMetres: 5_000)
        #expect(plan.pairs.isEmpty)
        #expect(plan.unpaired == [UnpairedSchool(schoolId: "W-1", reason: "no location registered; register the school's coordinates")])
    }

    @Test func equalDistancesAreSettledById() {
        let plan = TwinningPlanner.plan(weak: [Self.weak("W-1", east: 0)], strong: [Self.strong("S-B", east: 10), Self.strong("S-A", east: -10)], nearbyMetres: 5_000)
        #expect(plan.pairs.map(\.strongSchoolId) == ["S-A"])
    }

    @Test func theOrderOfTheInputsDoesNotChangeThePlan() {
        let weak = (1...8).map { Self.weak("W-\($0)", east: $0 * 7 % 50, rural: $0 % 3 != 0, keyPoverty: $0 % 4 == 0) }
        let strong = [Self.strong("S-1", east: 0, capacity: 2), Self.strong("S-2", east: 12, capacity: 2), Self.strong("S-3", east: 30)]
        let expected = TwinningPlanner.plan(weak: weak, strong: strong, nearbyMetres: 15_000)
        for _ in 0..<20 {
            #expect(TwinningPlanner.plan(weak: weak.shuffled(), strong: strong.shuffled(), nearbyMetres: 15_000) == expected)
        }
    }

    @Test func eachPairExplainsItself() throws {
        let plan = TwinningPlanner.plan(weak: [Self.weak("W-1", east: 10, keyPoverty: true)], strong: [Self.strong("S-1", east: 0), Self.strong("S-2", east: -10)], nearbyMetres: 5_000)
        let pair = try #require(plan.pairs.first)
        #expect(pair.explanation == "W-1 (serves a key poverty village, paired first) takes the nearest strong school teaching primary with free capacity: "
            + "S-1, \(pair.distanceMetres) m away, 1 other candidates")
    }

    @Test func distancesAreGreatCircleMetres() {
        // 0.1° of longitude at 36.383° N is about 8.95 km; one degree of latitude about 111.2 km.
        #expect((8_940...8_960).contains(Self.point(east: 0).metres(to: Self.point(east: 10))))
        let north = GeoPoint(latitudeMicro: 37_383_000, longitudeMicro: 119_755_000)
        #expect((111_150...111_250).contains(Self.point(east: 0).metres(to: north)))
        #expect(Self.point(east: 3).metres(to: Self.point(east: 3)) == 0)
        #expect(GeoPoint(latitude: 36.383, longitude: 119.755) == Self.point(east: 0))
    }

    @Test func locationsAreOnTheGlobe() {
        #expect(LocationDraft(latitude: 36.38, longitude: 119.75).validate().isEmpty)
        #expect(LocationDraft(latitude: 119.75, longitude: 36.38).validate() == [FieldError(field: "latitude", rule: "must be between -90 and 90 degrees, got 119.75")])
        #expect(LocationDraft(latitude: .nan, longitude: 181).validate().map(\.field) == ["latitude", "longitude"])
    }
}
