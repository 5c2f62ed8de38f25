/// A school's coordinates as registered through pairing's API, in decimal degrees (WGS 84).
public struct LocationDraft: Codable, Sendable, Equatable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    public func validate() -> [FieldError] {
        var problems: [FieldError] = []
        if !(latitude.isFinite && (-90...90).contains(latitude)) {
            problems.append(FieldError(field: "latitude", rule: "must be between -90 and 90 degrees, got \(latitude)"))
        }
        if !(longitude.isFinite && (-180...180).contains(longitude)) {
            problems.append(FieldError(field: "longitude", rule: "must be between -180 and 180 degrees, got \(longitude)"))
        }
        return problems
    }

    public var point: GeoPoint { GeoPoint(latitude: latitude, longitude: longitude) }
}
