/// A file that could not be loaded, kept aside so the rest of the clinic still loads.
public struct LoadProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var error: StoreError

    public init(path: String, error: StoreError) {
        self.path = path
        self.error = error
    }

    public var description: String { error.description }
}
