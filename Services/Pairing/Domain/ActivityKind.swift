/// What twinned schools do together.
public enum ActivityKind: String, Codable, Sendable, CaseIterable {
    /// Teachers of one school teach for a while at the other.
    case teachingExchange = "teaching-exchange"
    /// One lesson taught to both schools' classes at once, usually over video.
    case sharedLesson = "shared-lesson"
    case visit
}
