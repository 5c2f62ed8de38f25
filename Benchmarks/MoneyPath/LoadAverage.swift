import Foundation

/// The one-minute load average, printed with the figures: on a shared machine they mean little
/// without knowing what else was running.
enum LoadAverage {
    /// "1.53", or nil where /proc has no loadavg.
    static func oneMinute() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.map(String.init)
    }
}
