import KetaplanRecords

/// How a printout's fixed grid of characters lands on paper through CUPS's text filter
/// (`texttopdf`): characters and lines per inch, and margins in points, chosen so the whole
/// grid fits inside the printable area of both A4 and Letter.
///
/// CUPS's defaults (10 characters and 6 lines per inch, margins from the printer's PPD)
/// cut the right edge of an 80-column summary on A4; these settings are what `lp` and
/// `cupsfilter` are given instead.
public struct PageSetup: Equatable, Sendable {
    /// The grid the text was laid out for.
    public var columns: Int
    public var lines: Int
    public var charactersPerInch: Double
    public var linesPerInch: Double
    /// Margins in points (1/72 inch); at least a quarter inch, which printers can print in.
    public var left: Double, right: Double, top: Double, bottom: Double
    /// nil: the printer's default paper.
    public var paper: Paper?

    /// The plan summary: 80 columns by 66 lines at 12 characters and 7 lines per inch
    /// (10-point type), a wider left margin for hole-punching.
    public static func summary(paper: Paper?) -> PageSetup {
        PageSetup(columns: PagedText.summaryShape.width, lines: PagedText.summaryShape.pageLength,
                  charactersPerInch: 12, linesPerInch: 7, left: 54, right: 36, top: 36, bottom: 36, paper: paper)
    }

    /// The patient's handout: 64 columns by 56 lines at 10 characters and 6 lines per inch
    /// (12-point type, easier to read than the summary's 10).
    public static func handout(paper: Paper?) -> PageSetup {
        PageSetup(columns: PagedText.handoutShape.width, lines: PagedText.handoutShape.pageLength,
                  charactersPerInch: 10, linesPerInch: 6, left: 72, right: 54, top: 54, bottom: 54, paper: paper)
    }

    /// The options for `lp -o` and `cupsfilter -o`, in a fixed order.
    public var cupsOptions: [String] {
        var options = ["cpi=\(Self.number(charactersPerInch))", "lpi=\(Self.number(linesPerInch))",
                       "page-left=\(Self.number(left))", "page-right=\(Self.number(right))",
                       "page-top=\(Self.number(top))", "page-bottom=\(Self.number(bottom))"]
        if let paper { options.append("media=\(paper.cupsMedia)") }
        return options
    }

    /// Columns and lines the text filter makes of `paper` with these settings (it rounds
    /// down, as `texttopdf` does).
    public func grid(on paper: Paper) -> (columns: Int, lines: Int) {
        let size = paper.points
        return (Int((size.width - left - right) / 72 * charactersPerInch),
                Int((size.height - top - bottom) / 72 * linesPerInch))
    }

    /// Whether the layout's grid fits `paper`: every column, and every line plus the one
    /// the page's last newline opens (so a page never spills onto a blank sheet).
    public func fits(_ paper: Paper) -> Bool {
        let g = grid(on: paper)
        return g.columns >= columns && g.lines >= lines + 1
    }

    /// In words, for the preview and messages: "12 characters per inch, A4".
    public var summaryLine: String {
        "\(Self.number(charactersPerInch)) characters and \(Self.number(linesPerInch)) lines per inch, \(paper?.cupsMedia ?? "the printer's default paper")"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
