import Foundation

/// Checks PDFs that came out of CUPS against the text ketaplan produced, with poppler's
/// tools: the number of pages equals the "of M" the text prints, and every line of every
/// page appears whole inside the area a printer can print (a quarter inch in from each
/// edge).
///
/// CUPS's text filter (`texttopdf`) embeds its font without a Unicode map, so `pdftotext`
/// reads glyph numbers, not letters. `check` therefore compares in glyph space: each of
/// ketaplan's characters is turned into the glyph number the font's own `cmap` gives it
/// (`MonospaceFont`), which is what `pdftotext` reads back from such a PDF. After cups-pdf
/// (PostScript, then Ghostscript) the glyphs are numbered anew, so a printed PDF is
/// compared with the filter's own PDF of the same job as images (`samePages`).
enum PrintedPages {
    /// The unprintable border of a typical printer, in points.
    static let printableInset = 18.0

    static func pageCount(_ pdf: String) -> Int? {
        let info = Tool.run("/usr/bin/pdfinfo", [pdf]).out
        guard let line = info.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }) else { return nil }
        return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces))
    }

    /// Width and height in points.
    static func pageSize(_ pdf: String) -> (Double, Double)? {
        let info = Tool.run("/usr/bin/pdfinfo", [pdf]).out
        guard let line = info.split(separator: "\n").first(where: { $0.hasPrefix("Page size:") }) else { return nil }
        let numbers = line.split(separator: " ").compactMap { Double($0) }
        return numbers.count >= 2 ? (numbers[0], numbers[1]) : nil
    }

    /// The "page 1 of M" ketaplan's first line ends with.
    static func statedPages(_ text: String) -> Int? {
        guard let first = text.split(separator: "\n").first, let r = first.range(of: " of ", options: .backwards) else { return nil }
        return Int(first[r.upperBound...].trimmingCharacters(in: .whitespaces))
    }

    /// What is wrong with `pdf` as a printout of `text` (a PDF straight from CUPS's text
    /// filter); empty when every page is there and every line is whole.
    static func check(_ text: String, pdf: String, font: MonospaceFont) -> [String] {
        var problems: [String] = []
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
        let stated = statedPages(text)
        if stated != pages.count { problems.append("the text states \(stated.map(String.init) ?? "no") page count but has \(pages.count) pages") }
        guard let count = pageCount(pdf), let size = pageSize(pdf) else { return problems + ["\(pdf) is not a readable PDF"] }
        if count != pages.count { problems.append("the PDF has \(count) pages, the summary says \(pages.count)") }
        for (n, page) in pages.enumerated() where n < count {
            let printed = normalised(Tool.run("/usr/bin/pdftotext", [
                "-layout", "-f", "\(n + 1)", "-l", "\(n + 1)", "-r", "72",
                "-x", "\(Int(printableInset))", "-y", "\(Int(printableInset))",
                "-W", "\(Int(size.0 - 2 * printableInset))", "-H", "\(Int(size.1 - 2 * printableInset))", pdf, "-"]).out)
            for line in page.split(separator: "\n") {
                let expected = normalised(font.glyphText(String(line)))
                if !expected.isEmpty && !printed.contains(expected) {
                    problems.append("page \(n + 1): not whole inside the printable area: \(line)")
                }
            }
        }
        return problems
    }

    /// Glyph text with every run of white space (and of the control codes that the lowest
    /// glyph numbers come out as) made one space.
    static func normalised(_ s: String) -> String {
        var out = ""
        var space = false
        for scalar in s.unicodeScalars {
            if scalar.value <= 0x20 || scalar.properties.isWhitespace { space = true; continue }
            if space, !out.isEmpty { out.append(" ") }
            space = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Whether two PDFs show the same pages: same count and size, and each page's image
    /// (36 dpi, grey) differs in under `tolerance` of its 2x2 cells by more than a quarter
    /// of the grey scale. Font rendering differs a little between the filter's TrueType and
    /// Ghostscript's re-encoded glyphs; a different layout differs in far more cells.
    static func samePages(_ a: String, _ b: String, tolerance: Double = 0.05) -> [String] {
        guard let n = pageCount(a), let m = pageCount(b) else { return ["unreadable PDF"] }
        guard n == m else { return ["\(n) pages against \(m)"] }
        var problems: [String] = []
        for page in 1...n {
            guard let x = GreyImage(pdf: a, page: page), let y = GreyImage(pdf: b, page: page), x.width == y.width, x.height == y.height else {
                problems.append("page \(page): the images could not be compared (different paper?)")
                continue
            }
            let share = x.differingCells(y)
            if share >= tolerance { problems.append("page \(page): \(Int(share * 100))% of the page differs") }
        }
        return problems
    }
}

/// A page rendered by pdftoppm as 8-bit grey (PGM).
struct GreyImage {
    let width: Int, height: Int
    let pixels: [UInt8]

    init?(pdf: String, page: Int) {
        let data = Tool.run("/usr/bin/pdftoppm", ["-r", "36", "-gray", "-f", "\(page)", "-l", "\(page)", pdf]).data
        // "P5\n<w> <h>\n255\n" then the pixels.
        var fields: [Int] = []
        var i = 2
        var number = ""
        let bytes = [UInt8](data)
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "5") else { return nil }
        while fields.count < 3, i < bytes.count {
            let c = bytes[i]
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) { number.append(Character(UnicodeScalar(c))) } else if !number.isEmpty { fields.append(Int(number)!); number = "" }
            i += 1
        }
        guard fields.count == 3, bytes.count - i >= fields[0] * fields[1] else { return nil }
        width = fields[0]
        height = fields[1]
        pixels = Array(bytes[i..<(i + width * height)])
    }

    func cell(_ x: Int, _ y: Int) -> Int {
        Int(pixels[y * width + x]) + Int(pixels[y * width + x + 1]) + Int(pixels[(y + 1) * width + x]) + Int(pixels[(y + 1) * width + x + 1])
    }

    /// The share of 2x2 cells whose mean grey differs by more than 64.
    func differingCells(_ other: GreyImage) -> Double {
        var differing = 0, total = 0
        for y in stride(from: 0, to: height - 1, by: 2) {
            for x in stride(from: 0, to: width - 1, by: 2) {
                total += 1
                if abs(cell(x, y) - other.cell(x, y)) > 4 * 64 { differing += 1 }
            }
        }
        return total == 0 ? 1 : Double(differing) / Double(total)
    }
}

/// The fonts CUPS's text filter draws with, as its charset file
/// (`/usr/share/cups/charsets/pdf.utf-8`) assigns them: fontconfig's "monospace" for
/// Latin, Greek and Cyrillic, "AR PL UMing CN" for U+3000 to U+9FFF (Chinese and Japanese
/// names); each read for its character-to-glyph map (`cmap` format 4, platform 3
/// encoding 1). A character neither font has comes out as an empty box on paper, and maps
/// to a glyph `pdftotext` never reads, so its line fails the check.
struct MonospaceFont {
    let file: String
    private let latin: [UInt32: UInt16]
    private let cjk: [UInt32: UInt16]

    init() throws {
        file = Tool.run("/usr/bin/fc-match", ["-f", "%{file}", "monospace"]).out
        latin = try Self.cmap(file)
        cjk = try Self.cmap(Tool.run("/usr/bin/fc-match", ["-f", "%{file}", "AR PL UMing CN"]).out)
    }

    /// `text` as the glyph numbers the filter draws it with, one scalar each.
    func glyphText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let glyph = (0x3000...0x9FFF).contains(scalar.value) ? cjk[scalar.value] : latin[scalar.value]
            // U+FFFF: no glyph, printed as a box; pdftotext never reads that back.
            out.append(glyph.flatMap { Unicode.Scalar(UInt32($0)) } ?? "\u{FFFF}")
        }
        return String(out)
    }

    /// The Unicode-to-glyph map of a TrueType font (the first font of a collection).
    static func cmap(_ file: String) throws -> [UInt32: UInt16] {
        guard let data = FileManager.default.contents(atPath: file) else { throw Problem("cannot read the font '\(file)'") }
        let b = [UInt8](data)
        func u16(_ o: Int) -> Int { Int(b[o]) << 8 | Int(b[o + 1]) }
        func u32(_ o: Int) -> Int { u16(o) << 16 | u16(o + 2) }
        // A collection (.ttc) starts with "ttcf" and the offset of each font's directory.
        let base = b.starts(with: Array("ttcf".utf8)) ? u32(12) : 0
        var cmap: Int?
        for t in 0..<u16(base + 4) where String(decoding: b[(base + 12 + 16 * t)..<(base + 16 + 16 * t)], as: UTF8.self) == "cmap" {
            cmap = u32(base + 12 + 16 * t + 8)
        }
        guard let cmap else { throw Problem("\(file) has no cmap") }
        for s in 0..<u16(cmap + 2) {
            let record = cmap + 4 + 8 * s
            let table = cmap + u32(record + 4)
            guard u16(record) == 3, u16(record + 2) == 1, u16(table) == 4 else { continue }
            var glyphs: [UInt32: UInt16] = [:]
            let segments = u16(table + 6) / 2
            let ends = table + 14, starts = ends + 2 * segments + 2, deltas = starts + 2 * segments, offsets = deltas + 2 * segments
            for k in 0..<segments {
                let start = u16(starts + 2 * k), end = u16(ends + 2 * k), delta = u16(deltas + 2 * k), offset = u16(offsets + 2 * k)
                guard start <= end, start != 0xFFFF else { continue }
                for c in start...min(end, 0xFFFE) {
                    var g: Int
                    if offset == 0 { g = (c + delta) & 0xFFFF } else {
                        g = u16(offsets + 2 * k + offset + 2 * (c - start))
                        if g != 0 { g = (g + delta) & 0xFFFF }
                    }
                    if g != 0 { glyphs[UInt32(c)] = UInt16(g) }
                }
            }
            return glyphs
        }
        throw Problem("\(file) has no Unicode cmap (format 4)")
    }
}
