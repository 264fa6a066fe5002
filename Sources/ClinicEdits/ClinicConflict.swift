/// A `ClinicChange` refused because someone else changed, since the change was worked
/// out, a setting it also changes: saving it would put back theirs unseen. Names each
/// of their changes; the front end says how to go on (look at their settings and make
/// the change again over them).
public struct ClinicConflict: Error, Equatable, Sendable, CustomStringConvertible {
    /// Their changes to the settings this change also sets, e.g. "chairs from 4 to 6".
    public var theirs: [String]
    /// This change's value for each, e.g. "chairs 5".
    public var yours: [String]

    public init(theirs: [String], yours: [String]) {
        self.theirs = theirs
        self.yours = yours
    }

    public var description: String {
        "someone else changed the clinic's settings meanwhile (" + theirs.joined(separator: "; ") + "), and this change sets the same ("
            + yours.joined(separator: "; ") + "): nothing was saved, so theirs is not overwritten unseen"
    }
}
