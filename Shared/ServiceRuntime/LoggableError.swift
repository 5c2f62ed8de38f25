import PostgresNIO

/// An error as a log line or an exit message may show it. PostgresNIO's `PSQLError` prints only a
/// generic text, by design: in full it holds the query with its bindings and the server's `detail`,
/// which can quote row values (a resident ID number, a name). Here a PostgreSQL error is its kind,
/// its SQLSTATE, and those parts of the server's report that cannot hold row values: the message
/// only for error classes whose messages name objects but never values (a missing database, a
/// refused login, a lost connection, a duplicate key's constraint), else the names of the
/// constraint, table and column. Any other error is described as it describes itself.
public enum LoggableError {
    /// SQLSTATE classes whose server messages name databases, roles, tables, columns and
    /// constraints but quote no data (class 22, data exceptions, does quote values: excluded).
    static let classesWithSafeMessages: Set<Substring> = ["08", "0A", "23", "25", "28", "3D", "3F", "40", "42", "53", "55", "57", "58"]

    public static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        guard let server = error.serverInfo else {
            // No server report: the connection failed or closed; the cause (refused, reset, TLS) holds no data.
            return "PostgreSQL \(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
        let state = server[.sqlState] ?? "?????"
        var parts = ["PostgreSQL error \(state)"]
        if classesWithSafeMessages.contains(state.prefix(2)), let message = server[.message] {
            parts.append(message)
            if let hint = server[.hint] { parts.append("hint: \(hint)") }
        }
        for (field, label) in [(PSQLError.ServerInfo.Field.constraintName, "constraint"), (.tableName, "table"), (.columnName, "column")] {
            if let name = server[field] { parts.append("\(label) \(name)") }
        }
        return parts.joined(separator: "; ")
    }
}
