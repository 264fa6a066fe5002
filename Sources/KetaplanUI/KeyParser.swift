/// Turns what a terminal sends into keys, without terminfo.
///
/// The curses backend reads characters with keypad translation off and feeds each one
/// here, so a key works even where the terminal's terminfo entry does not list it (with
/// TERM=vt100 there is no End, PgUp or PgDn, and curses passed their sequences on as Esc
/// followed by letters, which left the screen). An Esc followed quickly by `[` or `O`
/// starts a key sequence, in the xterm, vt100, vt220, rxvt and Linux console forms; a
/// sequence that is not a key is dropped whole, never read as Esc. A lone Esc is Esc
/// once the backend has waited `escapeDelay` without more input (`timeout()`).
///
/// Pure and clock-free: the backend decides when the wait is over.
public struct KeyParser: Equatable, Sendable {
    /// What the parser is waiting for.
    public enum Waiting: Equatable, Sendable {
        /// Nothing begun: the next character may take any time.
        case nothing
        /// An Esc alone: more within the escape delay makes it a sequence, else it is Esc.
        case escape
        /// Inside a sequence (`Esc [` or `Esc O` came): the rest follows at once from a
        /// terminal; if it never does, the fragment is dropped.
        case sequence
    }

    /// How long the backend waits after an Esc before calling it Esc, in milliseconds.
    /// Long enough for a sequence sent over SSH in one packet, short enough that Esc
    /// feels immediate.
    public static let escapeDelay = 50
    /// How long a begun sequence may take to finish, in milliseconds.
    public static let sequenceDelay = 300
    /// Longer than any key sequence; a run this long is noise and is dropped.
    static let longest = 16

    private var pending: [Unicode.Scalar] = []
    /// The sequence ran longer than any key: it is read to its end and dropped.
    private var overlong = false

    public init() {}

    public var waiting: Waiting {
        switch pending.count {
        case 0: return .nothing
        case 1: return .escape
        default: return .sequence
        }
    }

    /// Feeds one character; returns the keys it completes (none, one, or two when an Esc
    /// is followed by a plain character).
    public mutating func feed(_ c: Unicode.Scalar) -> [Key] {
        let escape: Unicode.Scalar = "\u{1B}"
        switch pending.count {
        case 0:
            if c == escape { pending = [c]; return [] }
            return Self.plain(c).map { [$0] } ?? []
        case 1:
            if c == "[" || c == "O" { pending.append(c); return [] }
            if c == escape { return [.escape] }
            // Esc then a character (Alt-x, or two quick key presses): both count.
            pending = []
            return [.escape] + (Self.plain(c).map { [$0] } ?? [])
        default:
            let body = c.value
            // `Esc [ [ A`: the Linux console's F1 to F5.
            if pending == [escape, "["], c == "[" { pending.append(c); return [] }
            if pending.count == 3, pending[2] == "[" {
                pending = []
                return (0x41...0x45).contains(body) ? [.function(Int(body) - 0x40)] : []
            }
            if (0x20...0x3F).contains(body) {
                // Parameters (digits, `;`) and intermediates.
                if pending.count < Self.longest { pending.append(c) } else { overlong = true }
                return []
            }
            if (0x40...0x7E).contains(body) {
                let introducer = pending[1]
                let parameters = String(String.UnicodeScalarView(pending.dropFirst(2)))
                pending = []
                if overlong { overlong = false; return [] }
                let key = introducer == "[" ? Self.csi(parameters, final: c) : Self.ss3(c)
                return key.map { [$0] } ?? []
            }
            // A control character cut the sequence short: drop the fragment, keep the key.
            pending = []
            overlong = false
            return feed(c)
        }
    }

    /// The wait is over with no more input: a lone Esc is Esc; a cut-off sequence is
    /// dropped.
    public mutating func timeout() -> [Key] {
        defer { pending = []; overlong = false }
        return pending.count == 1 ? [.escape] : []
    }

    /// A character that is not part of a sequence.
    static func plain(_ c: Unicode.Scalar) -> Key? {
        switch c.value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(c.value) + 96)))
        case 0, 28...31: return nil
        default: return .char(Character(c))
        }
    }

    /// `Esc [ parameters final` (CSI): xterm, vt220 and rxvt keys. A modifier parameter
    /// (`1;5C` for Ctrl-Right) is ignored: the key is the key.
    static func csi(_ parameters: String, final: Unicode.Scalar) -> Key? {
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = numbers.first ?? nil
        if let key = cursorOrFunctionKey(final) { return key }
        switch final {
        case "Z": return .backTab
        case "~":
            switch first {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            case 5: return .pageUp
            case 6: return .pageDown
            case .some(let n) where (11...15).contains(n): return .function(n - 10)
            case .some(let n) where (17...21).contains(n): return .function(n - 11)
            case .some(let n) where n == 23 || n == 24: return .function(n - 12)
            default: return nil
            }
        default: return nil
        }
    }

    /// The final letters CSI and SS3 share: the arrows, Home, End and F1-F4.
    static func cursorOrFunctionKey(_ final: Unicode.Scalar) -> Key? {
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "P", "Q", "R", "S": return .function(Int(final.value) - 0x4F)
        default: return nil
        }
    }

    /// `Esc O final` (SS3): vt100 cursor and keypad keys in application mode.
    static func ss3(_ final: Unicode.Scalar) -> Key? {
        if let key = cursorOrFunctionKey(final) { return key }
        switch final {
        case "M": return .enter
        // The keypad in application mode sends its digits and signs as letters.
        case "p"..."y": return .char(Character(Unicode.Scalar(final.value - 0x40)!))
        case "j": return .char("*")
        case "k": return .char("+")
        case "l": return .char(",")
        case "m": return .char("-")
        case "n": return .char(".")
        case "o": return .char("/")
        case "X": return .char("=")
        default: return nil
        }
    }
}
