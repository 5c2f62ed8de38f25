import PairingDomain
import ServiceRuntime

extension [FieldError] {
    /// Broken rules of a request become one 422 naming every field; none, nothing happens.
    func throwIfAny() throws {
        guard !isEmpty else { return }
        throw APIError(.unprocessableContent, problems: map { APIError.Problem(field: $0.field, rule: $0.rule) })
    }
}
