/// Where each screen's parts go at the terminal's size. The reducer pages and clamps
/// selections and scrolling with these numbers and the renderer draws with the same
/// ones, so what a key press scrolls to is exactly what is shown.
public struct ScreenMetrics: Equatable, Sendable {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Rows of the overview's patient list: below the title, summary, column heads and
    /// rule; above the legend, message and status lines.
    public var overviewRows: Int { max(1, height - 6 - legendRows) }

    /// Lines of the agenda's day or week list (same frame as the overview, with the
    /// agenda's own flag legend).
    public var agendaRows: Int { max(1, height - 6 - Renderer.legendLines(Renderer.agendaLegend, width: width - 1).count) }

    /// Lines of a print preview: below the title and heading, above the message and
    /// status lines.
    public var previewRows: Int { max(1, height - 5) }

    /// Row where a patient's pane tabs go, under the two heading lines and a hold
    /// banner of `banner` rows.
    public func patientTabsRow(banner: Int) -> Int { 3 + banner }

    /// The last row a patient pane may use (the "Why" line is drawn on it).
    public var patientBottom: Int { height - 3 }

    /// Rows of the sessions table (below its column heads, above the "Why" line).
    public func sessionRows(banner: Int) -> Int { max(1, patientBottom - patientTabsRow(banner: banner) - 3) }

    /// Rows of a scrolled patient pane (warnings).
    public func paneRows(banner: Int) -> Int { max(1, patientBottom - patientTabsRow(banner: banner) - 1) }

    /// Rows of form fields shown above a preview of `previewLines` lines: the preview
    /// gets what the fields leave, but at least three fields always show.
    public func formFieldRows(previewLines: Int) -> Int {
        max(3, height - 6 - min(previewLines, max(0, height - 12)))
    }

    /// Width of a form's label column.
    public var formLabelWidth: Int { min(30, max(14, width / 3)) }

    /// Width of a form's typed value (text longer than this scrolls sideways).
    /// 28 cells up to 80 columns; wider screens give it half the room beside the label (at
    /// most 80 cells), so a clinic's name or a list of closed dates shows whole.
    public var formValueWidth: Int { max(4, min(width - formLabelWidth - 4, max(28, min(80, (width - formLabelWidth) / 2)))) }

    /// Width of a wrapped line in a patient pane.
    public var paneTextWidth: Int { max(10, width - 5) }

    /// Lines of text inside a centred box (help, a question) when they do not all fit:
    /// the frame, the footer and the line saying where the shown part is take the rest.
    public var boxRows: Int { max(1, height - 7) }

    /// Width of the help's lines (keys, then what they do), at most 90 cells.
    public var helpTextWidth: Int { max(43, min(width - 6, 90)) }

    /// Rows of the overview's flag legend: one where it fits, wrapped where not.
    public var legendRows: Int { max(1, Renderer.legendLines(width: width - 1).count) }
}
