/// Numbers as clinicians write them: digits with an optional decimal point ("52.5").
/// Swift's `Double("0x1E")` reads hexadecimal (30), and `Double("1e2")`, "inf" and "nan"
/// read too; a dose typed by mistake in such a form must be refused, not stored.
public enum PlainDecimal {
    /// The value of `text` when it is plain decimal (`123`, `52.5`), else nil.
    public static func parse(_ text: String) -> Double? {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty, scalars.count <= 32 else { return nil }
        var seenPoint = false, digitsBefore = 0, digitsAfter = 0
        for s in scalars {
            if s == "." {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if ("0"..."9").contains(s) {
                if seenPoint { digitsAfter += 1 } else { digitsBefore += 1 }
            } else {
                return nil
            }
        }
        guard digitsBefore > 0, !seenPoint || digitsAfter > 0 else { return nil }
        return Double(text)
    }

    /// The message for a number that is not plain decimal.
    public static func problem(_ text: String, field: String) -> String {
        "\(field): '\(ControlCharacters.visible(text))' is not a plain decimal number; write digits with an optional decimal point, e.g. 52.5"
    }
}
