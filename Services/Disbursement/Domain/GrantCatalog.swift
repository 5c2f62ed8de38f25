import AidContracts
import Foundation

/// A versioned set of grant programs. Policy changes arrive as a new version posted as JSON; old
/// versions stay so entitlements can always say which rules produced them.
public struct GrantCatalog: Sendable, Hashable, Codable {
    public var version: Int
    /// First semester this version applies to.
    public var effectiveFrom: Semester
    public var programs: [GrantProgram]

    public init(version: Int, effectiveFrom: Semester, programs: [GrantProgram]) {
        self.version = version
        self.effectiveFrom = effectiveFrom
        self.programs = programs
    }

    /// Every problem with the catalog, each addressed by its JSON path; empty when it may be used.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if version < 1 {
            errors.append(FieldError(field: "version", message: "must be at least 1, got \(version)"))
        }
        if programs.isEmpty {
            errors.append(FieldError(field: "programs", message: "must list at least one program"))
        }
        var firstIndex: [String: Int] = [:]
        for (index, program) in programs.enumerated() {
            let path = "programs[\(index)]"
            errors += program.validate(at: path)
            if let earlier = firstIndex[program.code] {
                errors.append(FieldError(field: "\(path).code", message: "'\(program.code)' is already used by programs[\(earlier)]"))
            } else {
                firstIndex[program.code] = index
            }
        }
        return errors
    }

    /// Decodes a posted catalog and validates it, reporting decoding and rule problems alike as field errors.
    public static func parse(json: Data) throws(CatalogRejection) -> GrantCatalog {
        let catalog: GrantCatalog
        do {
            catalog = try JSONDecoder().decode(GrantCatalog.self, from: json)
        } catch let error as DecodingError {
            throw CatalogRejection(errors: [fieldError(for: error)])
        } catch {
            throw CatalogRejection(errors: [FieldError(field: "json", message: "could not be read: \(error)")])
        }
        let errors = catalog.validate()
        guard errors.isEmpty else { throw CatalogRejection(errors: errors) }
        return catalog
    }

    /// What a student of this stage and tier is entitled to per semester under this catalog.
    /// Whether the student boards is the caller's decision (the service knows the school and the roster).
    public func entitlements(stage: Stage, tier: NeedTier, boarding: Bool) -> [EntitlementDraft] {
        programs.compactMap { program in
            guard !program.requiresBoarding || boarding,
                  let amount = program.amount(stage: stage, tier: tier),
                  // A zero row lists a tier the program does not fund; a zero payment is not a payment.
                  amount > 0 else { return nil }
            return EntitlementDraft(programCode: program.code, amountFen: amount, catalogVersion: version)
        }
    }

    /// The catalog that governs `semester`: the one with the latest `effectiveFrom` not after it, and of
    /// those the highest version. Semesters must be compared as `Semester`, not as text ("autumn" sorts
    /// before "spring" although it comes later in the year).
    public static func inEffect(for semester: Semester, among catalogs: [GrantCatalog]) -> GrantCatalog? {
        catalogs
            .filter { $0.effectiveFrom <= semester }
            .max { ($0.effectiveFrom, $0.version) < ($1.effectiveFrom, $1.version) }
    }

    private static func fieldError(for error: DecodingError) -> FieldError {
        FieldError(field: error.field.isEmpty ? "json" : error.field, message: error.rule)
    }
}
