/// The one limit on how long a one-line text (a name, a phone number, who gave a dose) may
/// be, shared by the command line's options, the screen's form fields and whatever reads
/// files: a name a page long is a paste gone wrong, not a name, and an unbounded field lets
/// one record slow every screen and print that shows it.
///
/// Notes (text that may hold line breaks) are not limited here: they are shown wrapped
/// and a long clinical note is legitimate.
public enum TextLength {
    /// The most characters (as a reader counts them: letters with their accents are one)
    /// a one-line field accepts.
    public static let oneLineLimit = 200

    /// Why `text` is refused as input for `field` for its length, or nil when it is
    /// accepted. Notes (`allowingLineBreaks`) are accepted at any length.
    public static func problem(in text: String, field: String, allowingLineBreaks: Bool = false) -> String? {
        guard !allowingLineBreaks else { return nil }
        // Counting stops just past the limit, so a hostile megabyte costs no more than a name.
        var count = 0
        for _ in text {
            count += 1
            if count > oneLineLimit { break }
        }
        guard count > oneLineLimit else { return nil }
        return "\(field) is longer than \(oneLineLimit) characters, which is not accepted: shorten it to at most \(oneLineLimit) characters"
    }
}
