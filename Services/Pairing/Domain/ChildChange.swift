/// The roster change that touched a child.
public enum ChildChange: Sendable, Equatable {
    case enrolled
    case transferred
    case graduated
    case withdrawn
    case detailsChanged
}
