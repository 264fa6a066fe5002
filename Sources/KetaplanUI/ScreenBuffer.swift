import KetaplanText

/// An in-memory screen: a grid of cells with text and style. Rendering draws into it;
/// the terminal backend only copies it out, and tests read it as text.
public struct ScreenBuffer: Equatable, Sendable {
    /// One cell. A wide character fills its cell and leaves the next one empty (`""`).
    public struct Cell: Equatable, Sendable {
        public var text: String
        public var style: Style
        public static let blank = Cell(text: " ", style: .normal)
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` from column `x` on row `y`, clipped at `x + maxWidth` (and the
    /// screen's edge). A wide character that does not fit whole becomes a space. Control
    /// characters are drawn visibly (`^[`), never passed to the terminal: every screen
    /// draws through here.
    /// - Returns: the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(width, x + (maxWidth ?? width))
        var col = x
        // Printable ASCII (most of what a screen shows) is one cell a byte, with nothing
        // to make visible: written without breaking it into characters, the same cells
        // as below.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for b in text.utf8 {
                if col + 1 > limit { break }
                if col >= 0 { set(col, y, Cell(text: Self.asciiCells[Int(b) - 0x20], style: style)) }
                col += 1
            }
            return col
        }
        for ch in ControlCharacters.visible(text) {
            let w = DisplayWidth.of(ch)
            if w == 0 {
                // Combining marks join the previous cell's character.
                if col > 0, col - 1 < width, col - 1 >= x { cells[y * width + col - 1].text.append(ch) }
                continue
            }
            if col + w > limit {
                if col < limit, w == 2 { set(col, y, Cell(text: " ", style: style)) ; col += 1 }
                break
            }
            if col >= 0 {
                set(col, y, Cell(text: String(ch), style: style))
                if w == 2 { set(col + 1, y, Cell(text: "", style: style)) }
            }
            col += w
        }
        return col
    }

    /// The text of a cell holding each printable ASCII character, made once.
    private static let asciiCells: [String] = (0x20..<0x7F).map { String(Unicode.Scalar(UInt8($0))) }

    /// Fills `width` cells from `x` with spaces in `style`.
    public mutating func fill(x: Int, y: Int, width w: Int, style: Style) {
        guard y >= 0, y < height, max(0, x) < min(width, x + w) else { return }
        for col in max(0, x)..<min(width, x + w) { set(col, y, Cell(text: " ", style: style)) }
    }

    /// A row filled with `glyph`.
    public mutating func line(y: Int, glyph: String, style: Style = .muted) {
        for col in 0..<width { set(col, y, Cell(text: glyph, style: style)) }
    }

    /// Sets a style over existing text (e.g. to highlight a selected row).
    public mutating func restyle(x: Int, y: Int, width w: Int, style: Style) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<min(width, x + w) { cells[y * width + col].style = style }
    }

    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        // Overwriting half of a wide character blanks the other half. (Text of one or two
        // UTF-8 bytes is below U+0800, never wide: not measured.)
        let i = y * width + x
        if cells[i].text.isEmpty, x > 0 { cells[i - 1] = Cell(text: " ", style: cells[i - 1].style) }
        if x + 1 < width, cells[i].text.utf8.count > 2, DisplayWidth.of(cells[i].text) == 2, cell.text != "" { cells[i + 1] = Cell(text: " ", style: cells[i + 1].style) }
        cells[i] = cell
    }

    /// The text of row `y`, trailing spaces removed.
    public func text(row y: Int) -> String {
        var s = ""
        for x in 0..<width { s += self[x, y].text }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// Every row's text: what a screen shows, for tests.
    public var lines: [String] { (0..<height).map { text(row: $0) } }

    /// Rows whose cells differ from `other` (the backend redraws only these).
    public func changedRows(since other: ScreenBuffer?) -> [Int] {
        guard let other, other.width == width, other.height == height else { return Array(0..<height) }
        return (0..<height).filter { y in
            let a = y * width, b = a + width
            return cells[a..<b] != other.cells[a..<b]
        }
    }
}
