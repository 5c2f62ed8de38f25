import APIClient

/// A load or payment step that cannot go on, with what the service said.
struct LoadError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    /// An unexpected reply to a step, quoting the start of the service's answer.
    init(_ step: String, _ reply: APIClient.Reply) {
        description = "\(step): HTTP \(reply.status) \(reply.text.prefix(600))"
    }
}
