/// Metric names of the dashboard, in one place.
enum DashboardMetrics {
    /// Records read, by `outcome`: applied, duplicate, skipped (a type or data it does not read), unreadable.
    static let records = "aid_dashboard_records_total"
    /// Browsers (or other clients) connected to `/events`.
    static let streamClients = "aid_dashboard_stream_clients"
    /// Figure updates pushed to `/events` clients (one per change, throttled).
    static let pushes = "aid_dashboard_pushes_total"
}

/// Logger metadata keys of the dashboard (beyond the runtime's `LogKey`), in one place.
enum DashboardLogKey {
    /// Where a record was read: "topic[partition]@offset".
    static let record = "kafka.record"
}
