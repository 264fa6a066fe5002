import KetaplanEngine

/// A CUPS destination's name, as `lpstat -e` lists it and `lp -d` takes it.
///
/// CUPS accepts up to 127 printable characters other than space, `/`, `\`, `#`, `'` and
/// `"`; a name outside that could never name a queue (and would reach `lp`'s command line).
public struct PrinterName: SingleValueIdentifier {
    public let rawValue: String

    /// Why a text cannot name a printer.
    public struct Invalid: Error, CustomStringConvertible {
        public let text: String
        public var description: String {
            "'\(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : String($0) }.joined())' is not a CUPS printer name: use up to 127 printable characters without spaces, '/', '\\', '#', quotes or control characters (`lpstat -e` lists the printers)"
        }
    }

    /// - Throws: `Invalid` naming what CUPS accepts.
    public init(_ text: String) throws(Invalid) {
        let forbidden: Set<Unicode.Scalar> = [" ", "/", "\\", "#", "'", "\""]
        guard (1...127).contains(text.unicodeScalars.count),
              text.unicodeScalars.allSatisfy({ !forbidden.contains($0) && $0.value > 0x20 && $0.value != 0x7F && $0.properties.generalCategory != .control && !$0.properties.isWhitespace })
        else { throw Invalid(text: text) }
        rawValue = text
    }
}
