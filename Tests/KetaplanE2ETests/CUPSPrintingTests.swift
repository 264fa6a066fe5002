import Foundation
import KetaplanPrint
import Testing

extension TerminalEndToEndTests {
    /// Prints the demo clinic's summaries and handouts through a real CUPS server and a
    /// cups-pdf queue (`PrivateCUPS`), and reads the PDFs back with poppler (`PrintedPages`).
    /// Nested in the end-to-end suite so it runs one test at a time with the other tmux
    /// tests: Ghostscript and cupsd are heavy, and those tests wait on a busy machine.
    @Suite(.serialized, .enabled(if: PrivateCUPS.available, "needs root and cups, cups-bsd, printer-driver-cups-pdf, poppler-utils, fontconfig, fonts-dejavu-core, fonts-arphic-uming (scripts/test.sh installs them as root)"))
    struct CUPSPrintingTests {
        /// Runs ketaplan on `cups`'s server and the data folder in `cups`'s folder.
        @discardableResult
        static func ketaplan(_ cups: PrivateCUPS, _ args: [String], environment: [String: String] = [:]) -> Tool.Result {
            cups.run(E2E.binary, args + ["--data", cups.root + "/data", "--today", "2026-11-26"], environment: environment)
        }

        /// The demo clinic in `cups`'s folder, and a cups-pdf queue `clinic-pdf`.
        static func clinic() throws -> PrivateCUPS {
            let cups = try PrivateCUPS()
            try cups.addPDFQueue("clinic-pdf")
            let demo = ketaplan(cups, ["demo", "--patients", "6"])
            guard demo.status == 0 else { throw Problem("demo failed: \(demo.err)") }
            return cups
        }

        /// The PDF CUPS's own text filter makes for the cups-pdf queue with `options`: the
        /// pages the printer is sent before PostScript, readable in glyph space.
        static func filterPDF(_ cups: PrivateCUPS, _ text: String, options: [String]) throws -> String {
            let input = cups.root + "/text-\(UUID().uuidString).txt"
            try text.write(toFile: input, atomically: true, encoding: .utf8)
            let r = Tool.run("/usr/sbin/cupsfilter", ["-p", PrivateCUPS.ppd, "-m", "application/pdf"] + options.flatMap { ["-o", $0] } + [input])
            guard r.status == 0, r.data.starts(with: Data("%PDF".utf8)) else { throw Problem("cupsfilter failed: \(r.err.suffix(500))") }
            let out = cups.root + "/filter-\(UUID().uuidString).pdf"
            try r.data.write(to: URL(fileURLWithPath: out))
            return out
        }

        /// Prints with `ketaplan print ... --lp --printer clinic-pdf` and checks what cups-pdf
        /// wrote: as many pages as the text says, the same pages as the text filter makes
        /// with ketaplan's settings, and every line of those whole in the printable area.
        func printsWhole(_ cups: PrivateCUPS, _ args: [String], setup: PageSetup, font: MonospaceFont, paper: (Double, Double)) throws {
            let text = Self.ketaplan(cups, ["print"] + args).out
            let before = cups.pdfs().count
            let sent = Self.ketaplan(cups, ["print"] + args + ["--lp", "--printer", "clinic-pdf"])
            #expect(sent.status == 0, "\(sent.err)")
            #expect(sent.err.contains("Sent to clinic-pdf (named with --printer)") && sent.err.contains("job clinic-pdf-"), "\(sent.err)")
            let printed = try cups.waitForPDFs(before + 1).last!
            let stated = try #require(PrintedPages.statedPages(text))
            #expect(PrintedPages.pageCount(printed) == stated, "\(args): the printer gave \(PrintedPages.pageCount(printed) ?? 0) pages, the text says \(stated)")
            let size = try #require(PrintedPages.pageSize(printed))
            #expect(abs(size.0 - paper.0) < 1 && abs(size.1 - paper.1) < 1, "\(args): paper \(size)")
            let reference = try Self.filterPDF(cups, text, options: setup.cupsOptions)
            let whole = PrintedPages.check(text, pdf: reference, font: font)
            #expect(whole.isEmpty, "\(args): \(whole.joined(separator: "\n"))")
            let same = PrintedPages.samePages(printed, reference)
            #expect(same.isEmpty, "\(args): the printed PDF is not the text filter's pages: \(same)")
        }

        @Test func summaryAndHandoutComeOutOfTheQueueWhole() throws {
            let cups = try Self.clinic()
            defer { cups.stop() }
            let font = try MonospaceFont()
            // The cups-pdf PPD's default paper is A4; the clinic's paper setting overrides it.
        // P-0003 is 山田 花子: Chinese characters come from CUPS's second font.
            try printsWhole(cups, ["P-0001"], setup: .summary(paper: nil), font: font, paper: (595, 842))
            try printsWhole(cups, ["P-0001", "--handout"], setup: .handout(paper: nil), font: font, paper: (595, 842))
            #expect(Self.ketaplan(cups, ["clinic", "set", "--paper", "letter"]).status == 0)
            try printsWhole(cups, ["P-0003"], setup: .summary(paper: .letter), font: font, paper: (612, 792))
            try printsWhole(cups, ["P-0003", "--handout"], setup: .handout(paper: .letter), font: font, paper: (612, 792))
        }

        /// The check is not one that anything passes: the same summary sent with CUPS's
        /// default text settings (plain `lp`) fails it.
        @Test func cupsDefaultsFailTheCheck() throws {
            let cups = try Self.clinic()
            defer { cups.stop() }
            let font = try MonospaceFont()
            let text = Self.ketaplan(cups, ["print", "P-0001"]).out
            let file = cups.root + "/summary.txt"
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            #expect(cups.run("/usr/bin/lp", ["-d", "clinic-pdf", file]).status == 0)
            let printed = try cups.waitForPDFs(1).last!
            let defaults = try Self.filterPDF(cups, text, options: [])
            let problems = PrintedPages.check(text, pdf: defaults, font: font)
            #expect(!problems.isEmpty, "CUPS's defaults should not pass")
            #expect(problems.contains { $0.contains("not whole") })
            #expect(PrintedPages.samePages(printed, defaults).isEmpty, "the queue printed the defaults' pages")
            // ketaplan's settings make different pages from the defaults', so a job that lost
            // them would not pass as ketaplan's.
            let ours = try Self.filterPDF(cups, text, options: PageSetup.summary(paper: nil).cupsOptions)
            #expect(!PrintedPages.samePages(printed, ours).isEmpty)
            #expect(PrintedPages.check(text, pdf: ours, font: font).isEmpty)
            // A box is not a letter: a character no font has fails the check too.
            let boxed = text.replacingOccurrences(of: "Zoë Exemplar", with: "Zoë \u{1F600}xemplar")
            let boxedPDF = try Self.filterPDF(cups, boxed, options: PageSetup.summary(paper: nil).cupsOptions)
            #expect(PrintedPages.check(boxed, pdf: boxedPDF, font: font).contains { $0.contains("Zoë \u{1F600}xemplar") })
        }

        @Test func choosingThePrinter() throws {
            let cups = try Self.clinic()
            defer { cups.stop() }
            try cups.addPDFQueue("front-desk")
            // No --printer, no clinic printer, no CUPS default: the printers and how to choose.
            let none = Self.ketaplan(cups, ["print", "P-0002", "--lp"])
            #expect(none.status != 0)
            #expect(none.err.contains("no printer chosen") && none.err.contains("clinic-pdf, front-desk") && none.err.contains("clinic set --printer NAME"), "\(none.err)")
            // The clinic's printer.
            #expect(Self.ketaplan(cups, ["clinic", "set", "--printer", "front-desk"]).status == 0)
            #expect(Self.ketaplan(cups, ["clinic", "show"]).out.contains("Printer:       front-desk"))
            let clinic = Self.ketaplan(cups, ["print", "P-0002", "--lp"])
            #expect(clinic.status == 0 && clinic.err.contains("Sent to front-desk (the clinic's printer)"), "\(clinic.err)")
            // --printer wins over the clinic's.
            let flag = Self.ketaplan(cups, ["print", "P-0002", "--lp", "--printer", "clinic-pdf"])
            #expect(flag.err.contains("Sent to clinic-pdf (named with --printer)"), "\(flag.err)")
            // Cleared: CUPS's default.
            #expect(Self.ketaplan(cups, ["clinic", "set", "--printer", ""]).status == 0)
            #expect(cups.run("/usr/sbin/lpadmin", ["-d", "clinic-pdf"]).status == 0)
            let fallback = Self.ketaplan(cups, ["print", "P-0002", "--lp"])
            #expect(fallback.err.contains("Sent to clinic-pdf (CUPS's default printer)"), "\(fallback.err)")
            _ = try cups.waitForPDFs(3)
        }

        @Test func cupsRefusalsSayWhatToDoAndLoseNothing() throws {
            let cups = try Self.clinic()
            defer { cups.stop() }
            // Unknown printer.
            let unknown = Self.ketaplan(cups, ["print", "P-0001", "--lp", "--printer", "basement"])
            #expect(unknown.status != 0)
            #expect(unknown.err.contains("CUPS has no printer 'basement'") && unknown.err.contains("clinic-pdf") && unknown.err.contains("--output FILE"), "\(unknown.err)")
            // A stopped queue: refused, then started again and printed.
            #expect(cups.run("/usr/sbin/cupsdisable", ["-r", "paper jam", "clinic-pdf"]).status == 0)
            let stopped = Self.ketaplan(cups, ["print", "P-0001", "--lp", "--printer", "clinic-pdf"])
            #expect(stopped.status != 0)
            #expect(stopped.err.contains("printer 'clinic-pdf' is stopped (paper jam)") && stopped.err.contains("cupsenable clinic-pdf"), "\(stopped.err)")
            #expect(cups.run("/usr/bin/lpstat", ["-o"]).out.isEmpty, "nothing was queued")
            // Nothing is lost: the same summary saves to a file.
            let saved = Self.ketaplan(cups, ["print", "P-0001", "--output", cups.root + "/saved.txt"])
            #expect(saved.status == 0 && FileManager.default.fileExists(atPath: cups.root + "/saved.txt"))
            #expect(cups.run("/usr/sbin/cupsenable", ["clinic-pdf"]).status == 0)
            #expect(Self.ketaplan(cups, ["print", "P-0001", "--lp", "--printer", "clinic-pdf"]).status == 0)
            _ = try cups.waitForPDFs(1)
            // A queue that refuses jobs.
            #expect(cups.run("/usr/sbin/cupsreject", ["-r", "being serviced", "clinic-pdf"]).status == 0)
            let rejecting = Self.ketaplan(cups, ["print", "P-0001", "--lp", "--printer", "clinic-pdf"])
            #expect(rejecting.status != 0 && rejecting.err.contains("not accepting jobs (being serviced)") && rejecting.err.contains("cupsaccept clinic-pdf"), "\(rejecting.err)")
            // No CUPS server at all.
            let gone = Self.ketaplan(cups, ["print", "P-0001", "--lp", "--printer", "clinic-pdf"], environment: ["CUPS_SERVER": cups.root + "/no-such.sock"])
            #expect(gone.status != 0 && gone.err.contains("no CUPS print server is running") && gone.err.contains("no-such.sock"), "\(gone.err)")
        }

        /// On the screen: the preview names printer and paper, `p` asks before anything is
        /// sent, and the job id comes back in the status line.
        @Test func thePreviewPrintsOnlyAfterAskingAndShowsTheJob() throws {
            let cups = try Self.clinic()
            defer { cups.stop() }
            #expect(Self.ketaplan(cups, ["clinic", "set", "--printer", "clinic-pdf", "--paper", "a4"]).status == 0)
            let text = Self.ketaplan(cups, ["print", "P-0001"]).out
            let tmux = Tmux()
            defer { tmux.kill() }
            tmux.start("env CUPS_SERVER=\(cups.socket) \(E2E.binary) --data \(cups.root)/data --today 2026-11-26", width: 100, height: 30)
            tmux.waitFor("Clinic overview")
            tmux.openPatient("P-0001", named: "Zoë Exemplar")
            tmux.send("p")
            tmux.waitFor("printer: clinic-pdf · paper: A4")
            tmux.send("p")
            tmux.waitFor("Please confirm")
            #expect(tmux.screen().contains("on clinic-pdf (the clinic's printer),"))
            #expect(tmux.screen().contains("A4?"))
            tmux.send("n")
            tmux.waitFor("Nothing was printed.")
            #expect(cups.run("/usr/bin/lpstat", ["-W", "all", "-o"]).out.isEmpty && cups.pdfs().isEmpty, "nothing is sent before y")
            tmux.send("p")
            tmux.waitFor("Please confirm")
            tmux.send("y")
            tmux.waitFor("Printed on clinic-pdf: job clinic-pdf-")
            let printed = try cups.waitForPDFs(1)
            #expect(PrintedPages.pageCount(printed[0]) == PrintedPages.statedPages(text))
            // The queue stops while the preview is open: y sends nothing and says why.
            #expect(cups.run("/usr/sbin/cupsdisable", ["-r", "out of toner", "clinic-pdf"]).status == 0)
            tmux.send("p")
            tmux.waitFor("Please confirm")
            tmux.send("y")
            tmux.waitFor("is stopped (out of toner)")
            #expect(cups.run("/usr/bin/lpstat", ["-o"]).out.isEmpty, "nothing waits in the stopped queue")
            // Opened again, the preview says there is no printer, and p says why.
            tmux.send("Escape")
            tmux.send("p")
            tmux.waitFor("printer: none (p says why)")
            tmux.send("p")
            tmux.waitFor("is stopped (out of toner)")
        }

        /// `--format pdf` is CUPS's own text filter's output, with the same page settings.
        @Test func pdfFilesHoldTheSamePages() throws {
            let cups = try Self.clinic()
            defer { cups.stop() }
            let font = try MonospaceFont()
            for args in [["P-0004"], ["P-0004", "--handout"]] {
                let text = Self.ketaplan(cups, ["print"] + args).out
                let file = cups.root + "/out-\(args.count).pdf"
                let made = Self.ketaplan(cups, ["print"] + args + ["--format", "pdf", "--output", file])
                #expect(made.status == 0, "\(made.err)")
                let problems = PrintedPages.check(text, pdf: file, font: font)
                #expect(problems.isEmpty, "\(args): \(problems.joined(separator: "\n"))")
            }
            // On the clinic's paper.
            for (paper, size) in [("a4", (595.0, 842.0)), ("letter", (612.0, 792.0))] {
                #expect(Self.ketaplan(cups, ["clinic", "set", "--paper", paper]).status == 0)
                let file = cups.root + "/out-\(paper).pdf"
                #expect(Self.ketaplan(cups, ["print", "P-0004", "--format", "pdf", "--output", file]).status == 0)
                let made = try #require(PrintedPages.pageSize(file))
                #expect(abs(made.0 - size.0) < 1 && abs(made.1 - size.1) < 1, "\(paper): \(made)")
                #expect(PrintedPages.check(Self.ketaplan(cups, ["print", "P-0004"]).out, pdf: file, font: font).isEmpty)
            }
        }
    }
}
