import Foundation

/// Where a school is, in whole microdegrees (about 0.1 m), so a stored location reads back exactly
/// and distances computed from it are the same every time.
///
/// Pairing ranks strong schools by distance, and the bureau knows its schools' coordinates (from
/// the map it plans bus routes with); a table of township-to-township distances would need
/// maintaining for every pair of townships and could not tell two schools of one town apart.
public struct GeoPoint: Codable, Sendable, Hashable {
    public var latitudeMicro: Int
    public var longitudeMicro: Int

    public init(latitudeMicro: Int, longitudeMicro: Int) {
        self.latitudeMicro = latitudeMicro
        self.longitudeMicro = longitudeMicro
    }

    /// Decimal degrees as given to the API, rounded to the microdegree.
    public init(latitude: Double, longitude: Double) {
        self.init(latitudeMicro: Int((latitude * 1_000_000).rounded()), longitudeMicro: Int((longitude * 1_000_000).rounded()))
    }

    public var latitude: Double { Double(latitudeMicro) / 1_000_000 }
    public var longitude: Double { Double(longitudeMicro) / 1_000_000 }

    /// Great-circle (haversine) distance on a sphere of the Earth's mean radius, rounded to the metre.
    /// Within a city the error against the ellipsoid is far below the distances being compared.
    public func metres(to other: GeoPoint) -> Int {
        let radius = 6_371_008.8
        let lat1 = latitude * .pi / 180, lat2 = other.latitude * .pi / 180
        let dLat = lat2 - lat1, dLon = (other.longitude - longitude) * .pi / 180
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1) * cos(lat2) * sin(dLon / 2) * sin(dLon / 2)
        return Int((2 * radius * atan2(a.squareRoot(), (1 - a).squareRoot())).rounded())
    }
}
