import KetaplanPrint
import KetaplanStore
import Testing

/// The page settings `print --lp` gives CUPS: the layouts' grids fit A4 and Letter, and
/// CUPS's own defaults would not.
@Suite struct PageSetupTests {
    @Test(arguments: Paper.allCases)
    func summaryAndHandoutFitEveryPaper(_ paper: Paper) {
        for setup in [PageSetup.summary(paper: paper), .handout(paper: paper), .summary(paper: nil), .handout(paper: nil)] {
            #expect(setup.fits(paper), "\(setup) on \(paper): \(setup.grid(on: paper))")
            // A printer cannot print right to the edge: at least a quarter inch.
            #expect([setup.left, setup.right, setup.top, setup.bottom].allSatisfy { $0 >= 18 })
        }
    }

    /// CUPS's text defaults (10 characters, 6 lines per inch) with a quarter-inch border:
    /// 80 columns do not fit across A4, which is what cut the summary's right edge.
    @Test func cupsDefaultsDoNotFitTheSummaryOnA4() {
        var defaults = PageSetup.summary(paper: .a4)
        (defaults.charactersPerInch, defaults.linesPerInch) = (10, 6)
        (defaults.left, defaults.right, defaults.top, defaults.bottom) = (18, 18, 18, 18)
        #expect(!defaults.fits(.a4))
        #expect(defaults.grid(on: .a4).columns < 80)
    }

    @Test func theGridsAreTheLayouts() {
        #expect(PageSetup.summary(paper: nil).columns == 80 && PageSetup.summary(paper: nil).lines == 66)
        #expect(PageSetup.handout(paper: nil).columns == PagedText.handoutShape.width)
        #expect(PageSetup.handout(paper: nil).lines == PagedText.handoutShape.pageLength)
        // The handout is printed in larger type than the summary.
        #expect(PageSetup.handout(paper: nil).charactersPerInch < PageSetup.summary(paper: nil).charactersPerInch)
    }

    @Test func optionsForLp() {
        #expect(PageSetup.summary(paper: .a4).cupsOptions == ["cpi=12", "lpi=7", "page-left=54", "page-right=36", "page-top=36", "page-bottom=36", "media=A4"])
        #expect(PageSetup.handout(paper: nil).cupsOptions == ["cpi=10", "lpi=6", "page-left=72", "page-right=54", "page-top=54", "page-bottom=54"])
        #expect(PageSetup.summary(paper: .letter).summaryLine == "12 characters and 7 lines per inch, Letter")
    }

    @Test func printerNamesAreWhatCUPSAccepts() throws {
        #expect(try PrinterName("front-desk_2@clinic").rawValue == "front-desk_2@clinic")
        for bad in ["", "front desk", "a/b", "a#b", "it's", "tab\there", "esc\u{1B}", String(repeating: "x", count: 128)] {
            #expect(throws: PrinterName.Invalid.self) { try PrinterName(bad) }
        }
    }
}
