/// The version of each file this ketaplan writes, as its `schemaVersion`. Reading an
/// older file migrates it (the store's `Schema`); a newer one is refused.
public enum FileVersion {
    public static let patient = 1
    public static let clinic = 1
}
