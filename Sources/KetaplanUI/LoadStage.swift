import KetaplanEngine
import KetaplanRecords

/// How far the screen's picture of the clinic has come since start: the first page is
/// drawn from the start of the index alone, then every summary is read, then every
/// patient file is checked against its summary. Until `.checked` the screen says so, and
/// a save waits for the check (it never relies on an unchecked summary).
public enum LoadStage: Equatable, Sendable {
    /// Only the overview's first rows; the counts when known to hold (else nil). Keys
    /// wait for the rest.
    case firstPage(ClinicCounts?)
    /// Every summary from the index; the patient files are being checked against them.
    case checking
    /// Every summary checked against its file (stale ones rebuilt).
    case checked
    /// Checked, but known to be out of date: midnight passed (the new day) or many files
    /// changed (nil), and the summaries and index are being rebuilt off the screen's thread.
    /// The rows stay, marked as being refreshed; a save waits for the rebuilt index.
    case refreshing(newDay: CalendarDay?)
}
