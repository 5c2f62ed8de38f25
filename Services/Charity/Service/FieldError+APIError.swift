import CharityDomain
import ServiceRuntime

extension [FieldError] {
    /// Broken rules of a request become one 422 naming every field; none, nothing happens.
    func throwIfAny() throws {
        guard !isEmpty else { return }
        throw APIError(.unprocessableContent, problems: map { APIError.Problem(field: $0.field, rule: $0.rule) })
    }
}

extension AllocationTransitionError {
    /// A step the allocation's state does not allow is the caller's mistake: 409 naming the field.
    var apiError: APIError { APIError.conflict(field, description) }
}
