import Foundation
import Logging
import PostgresNIO

/// Rewrites sealed columns in batches inside the caller's transaction: plain text into a sealed
/// column (a migration), and values sealed under `PII_PREVIOUS_KEY` under `PII_KEY` (`RESEAL_PII`).
/// Both are idempotent: what is already sealed under the current key is left as it is.
public struct PersonalDataResealer: Sendable {
    public struct Report: Sendable, Equatable, CustomStringConvertible {
        /// Values examined and values rewritten, per sealed column.
        public var examined: [String: Int] = [:]
        public var rewritten: [String: Int] = [:]

        public var description: String {
            examined.keys.sorted().map { "\($0): \(rewritten[$0] ?? 0) of \(examined[$0] ?? 0) re-sealed" }.joined(separator: ", ")
        }
    }

    static let batchSize = 500
    let vault: PersonalDataVault

    public init(vault: PersonalDataVault) {
        self.vault = vault
    }

    /// Seals every non-null `plaintext` value of the table into `target.column` and sets the
    /// plain text to NULL; the migration that calls it drops the plain column afterwards.
    public func sealPlaintext(_ plaintext: String, into target: SealedColumn, on connection: PostgresConnection) async throws -> Int {
        var sealed = 0
        while true {
            let rows = try await connection.run(PostgresQuery(unsafeSQL: """
                SELECT \(target.key)::text, \(plaintext) FROM \(target.table)
                WHERE \(plaintext) IS NOT NULL ORDER BY \(target.key) LIMIT \(Self.batchSize)
                """)).collect()
            if rows.isEmpty { return sealed }
            var keys: [String] = []
            var values: [String] = []
            for row in rows {
                let (key, text) = try row.decode((String, String).self)
                keys.append(key)
                values.append(try vault.sealBase64(text))
            }
            sealed += try await update(target, keys: keys, sealed: values, hashes: nil, clearing: plaintext, on: connection)
        }
    }

    /// Re-seals under the current key every value of `columns` that only the previous key opens
    /// (and recomputes its resident-ID hash). Fails, changing nothing, on a value neither key opens.
    public func reseal(_ columns: [SealedColumn], on connection: PostgresConnection) async throws -> Report {
        var report = Report()
        for column in columns {
            var examined = 0
            var rewritten = 0
            var after: String?
            while true {
                // Keyset pagination over the primary key (as text), so rewritten rows are not revisited.
                let rows = try await connection.run(PostgresQuery(unsafeSQL: """
                    SELECT \(column.key)::text, \(column.column)\(column.residentIDHash.map { ", \($0)" } ?? ", NULL::text")
                    FROM \(column.table)
                    WHERE \(column.column) IS NOT NULL AND ($1::text IS NULL OR \(column.key)::text > $1::text)
                    ORDER BY \(column.key)::text LIMIT \(Self.batchSize)
                    """, binds: Self.binds(after))).collect()
                if rows.isEmpty { break }
                var keys: [String] = []
                var values: [String] = []
                var hashes: [String] = []
                var before: [String] = []
                for row in rows {
                    let (key, sealed, storedHash) = try row.decode((String, Data, String?).self)
                    after = key
                    examined += 1
                    let resealed: Data?
                    do {
                        resealed = try vault.resealed(sealed)
                    } catch {
                        throw ResealError(column: column, key: key, reason: "\(error)")
                    }
                    var hash: String?
                    if column.residentIDHash != nil {
                        let expected = vault.hash(residentID: try vault.open(sealed))
                        hash = expected == storedHash ? nil : expected
                    }
                    guard resealed != nil || hash != nil else { continue }
                    keys.append(key)
                    values.append((resealed ?? sealed).base64EncodedString())
                    hashes.append(hash ?? storedHash ?? "")
                    before.append(sealed.base64EncodedString())
                }
                if !keys.isEmpty {
                    rewritten += try await update(
                        column, keys: keys, sealed: values, hashes: column.residentIDHash == nil ? nil : hashes,
                        unlessChangedFrom: before, on: connection)
                }
            }
            report.examined[column.description] = examined
            report.rewritten[column.description] = rewritten
        }
        return report
    }

    /// One UPDATE for a batch; returns the rows it changed. With `before`, a row is only changed while
    /// it still holds that sealed value: a service writing it meanwhile (under the current key) wins.
    private func update(_ column: SealedColumn, keys: [String], sealed: [String], hashes: [String]?, clearing plaintext: String? = nil,
                        unlessChangedFrom before: [String]? = nil, on connection: PostgresConnection) async throws -> Int {
        var assignments = ["\(column.column) = decode(u.sealed, 'base64')"]
        if let hashColumn = column.residentIDHash, hashes != nil { assignments.append("\(hashColumn) = u.hash") }
        if let plaintext { assignments.append("\(plaintext) = NULL") }
        var condition = "t.\(column.key)::text = u.key"
        if let plaintext { condition += " AND t.\(plaintext) IS NOT NULL" }
        if before != nil { condition += " AND t.\(column.column) = decode(u.before, 'base64')" }
        var binds = PostgresBindings()
        binds.append(keys)
        binds.append(sealed)
        binds.append(hashes ?? keys.map { _ in "" })
        binds.append(before ?? keys.map { _ in "" })
        return try await connection.run(PostgresQuery(unsafeSQL: """
            UPDATE \(column.table) AS t SET \(assignments.joined(separator: ", "))
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(key, sealed, hash, before)
            WHERE \(condition)
            RETURNING 1
            """, binds: binds)).collect().count
    }

    private static func binds(_ after: String?) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(after)
        return binds
    }
}

/// A sealed value that cannot be re-sealed, named by table, column and primary key (never by content).
public struct ResealError: Error, CustomStringConvertible {
    public let column: SealedColumn
    public let key: String
    public let reason: String

    public var description: String {
        "cannot re-seal \(column) of \(column.table).\(column.key) = '\(key)': \(reason); check PII_KEY and PII_PREVIOUS_KEY"
    }
}
