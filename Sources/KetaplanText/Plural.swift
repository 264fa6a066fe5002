/// Counts in words that agree with the number, so a one-patient clinic reads "1 patient",
/// not "1 patients".
public enum Plural {
    /// `n` and the noun in the form `n` takes: "1 patient", "0 patients", "3 patients".
    /// `plural` is for nouns that do not simply add an "s".
    public static func count(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }
}
